import type { AppDatabase } from '../commands/index.ts';
import type { BeginUploadInput } from '../commands/uploads.ts';
import { readUploadChunk } from '../db/uploads.ts';

/**
 * Where the bytes of attachments live. The default keeps them in the database, in chunks
 * (decision 048); the uploads table keeps what the rest of the code needs (name, type, size, who
 * claimed it), so an object store can take the place of this interface later without touching
 * the claims, the views or the data rights (it would also delete objects whose row is gone).
 */
export interface FileStore {
  /** Stores a new upload's bytes; refused when the institution's quota would be passed. */
  save(upload: BeginUploadInput, chunks: readonly Uint8Array[]): Promise<{ ok: true } | { overQuota: true }>;
  /** The bytes of a stored upload, chunk after chunk, read as they are sent. */
  read(upload: { id: string; chunks: number }): AsyncIterable<Uint8Array>;
}

/** Chunk inserts of one upload queued at once: a few hundred KB per commit, never the whole file. */
const CHUNKS_IN_FLIGHT = 4;

/** The chunks as rows of upload_chunks, each written by a job of its own (see commands/uploads.ts). */
export function databaseFileStore(db: AppDatabase): FileStore {
  return {
    async save(upload, chunks) {
      const begun = await db.writer.run('beginUpload', upload);
      if ('overQuota' in begun) return begun;
      try {
        // One chunk per job, a few in flight: a batch the writer commits holds at most that many
        // chunks beside the filings queued with them, so a filing never waits for a whole file, and
        // the file is never copied whole into one message to the write thread.
        let next = 0;
        const lane = async () => {
          while (next < chunks.length) {
            const n = next++;
            await db.writer.run('putUploadChunk', { id: upload.id, n, data: chunks[n] as Uint8Array });
          }
        };
        await Promise.all(Array.from({ length: CHUNKS_IN_FLIGHT }, lane));
        await db.writer.run('finishUpload', { id: upload.id });
      } catch (error) {
        await db.writer.run('discardUpload', { id: upload.id }).catch(() => {});
        throw error;
      }
      return { ok: true };
    },
    async *read(upload) {
      for (let n = 0; n < upload.chunks; n++) yield await readUploadChunk(db.read, upload.id, n);
    },
  };
}
