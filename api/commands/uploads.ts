import type { WriteTx } from '../db/types.ts';
import { findUploads } from '../db/uploads.ts';
import type { AttachmentType } from '../schema/attachments.ts';

/**
 * The writes of attachments (CONTRACT §6). An upload is written as several short jobs: its row
 * (which checks the institution's quota), then each chunk as a job of its own, then the mark that
 * it is complete. The writer commits whatever jobs are queued together, so a filing queued while a
 * 10 MB file goes in waits for one chunk's insert, never for the whole file (decision 048).
 */

export interface BeginUploadInput {
  id: string;
  institution: string;
  name: string;
  type: AttachmentType;
  size: number;
  sha256: string;
  chunks: number;
  at: string;
  quotaBytes: number;
}

/** Reserves the upload's row; refused when the institution's files would pass its quota. */
export async function beginUpload(
  tx: WriteTx,
  input: BeginUploadInput,
): Promise<{ ok: true } | { overQuota: true }> {
  const used = await tx.execute({
    sql: 'SELECT COALESCE(SUM(size), 0) AS bytes FROM uploads WHERE institution = ?',
    args: [input.institution],
  });
  if (Number(used.rows[0]?.bytes ?? 0) + input.size > input.quotaBytes) return { overQuota: true };
  await tx.execute({
    sql: `INSERT INTO uploads (id, institution, name, type, size, sha256, chunks, state, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, 'writing', ?)`,
    args: [
      input.id,
      input.institution,
      input.name,
      input.type,
      input.size,
      input.sha256,
      input.chunks,
      input.at,
    ],
  });
  return { ok: true };
}

/** One chunk of an upload's bytes. */
export async function putUploadChunk(
  tx: WriteTx,
  input: { id: string; n: number; data: Uint8Array },
): Promise<void> {
  await tx.execute({
    sql: 'INSERT INTO upload_chunks (upload_id, n, data) VALUES (?, ?, ?)',
    args: [input.id, input.n, input.data],
  });
}

/** Every chunk is in: the upload may now be claimed. */
export async function finishUpload(tx: WriteTx, input: { id: string }): Promise<void> {
  await tx.execute({ sql: "UPDATE uploads SET state = 'ready' WHERE id = ?", args: [input.id] });
}

/** Forgets an upload that could not be completed (its client went away, a chunk failed). */
export async function discardUpload(tx: WriteTx, input: { id: string }): Promise<void> {
  await deleteUploads(tx, 'id = ? AND request_id IS NULL', [input.id]);
}

async function deleteUploads(tx: WriteTx, where: string, args: (string | number)[]): Promise<number> {
  await tx.execute({
    sql: `DELETE FROM upload_chunks WHERE upload_id IN (SELECT id FROM uploads WHERE ${where})`,
    args,
  });
  const deleted = await tx.execute({ sql: `DELETE FROM uploads WHERE ${where}`, args });
  return deleted.rowsAffected;
}

/** Unclaimed uploads older than `before` (complete or not): the 24-hour sweep of purge-expired. */
export function deleteUnclaimedUploads(tx: WriteTx, before: string): Promise<number> {
  return deleteUploads(tx, 'request_id IS NULL AND created_at < ?', [before]);
}

/** Every file of a request: its anonymisation erases them (a photo or a letter is personal data). */
export function deleteUploadsOfRequest(tx: WriteTx, requestId: number): Promise<number> {
  return deleteUploads(tx, 'request_id = ?', [requestId]);
}

/** Who may claim which uploads: one institution's, complete, unclaimed and made after `notBefore`. */
export interface Claim {
  ids: readonly string[];
  institution: string;
  notBefore: string;
}

/**
 * Whether every upload of the claim can be used now: it exists, belongs to the institution, is
 * complete, no filing, reply or event has it yet, and it has not expired. `taken` holds ids an
 * earlier filing of the same batch claims.
 */
export async function canClaim(tx: WriteTx, claim: Claim, taken?: ReadonlySet<string>): Promise<boolean> {
  if (claim.ids.length === 0) return true;
  if (taken && claim.ids.some((id) => taken.has(id))) return false;
  const found = await findUploads(tx, claim.ids);
  return (
    found.length === claim.ids.length &&
    found.every(
      (u) =>
        u.institution === claim.institution &&
        u.state === 'ready' &&
        u.requestId === null &&
        u.createdAt >= claim.notBefore,
    )
  );
}

/** Ties the uploads to the request and the event they came with; `canClaim` was checked first. */
export async function claimUploads(
  tx: WriteTx,
  ids: readonly string[],
  owner: { requestId: number; eventId: number; by: 'citizen' | 'institution' },
): Promise<void> {
  // One statement per file (a handful): each keeps its place in the list it was sent in.
  for (const [position, id] of ids.entries()) {
    await tx.execute({
      sql: 'UPDATE uploads SET request_id = ?, event_id = ?, by = ?, position = ? WHERE id = ? AND request_id IS NULL',
      args: [owner.requestId, owner.eventId, owner.by, position, id],
    });
  }
}
