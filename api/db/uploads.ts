import type { Row } from '@libsql/client';
import type { AttachmentType } from '../schema/attachments.ts';
import { num, numOrNull, str, strOrNull } from './rows.ts';
import type { Queryable } from './types.ts';

/** An upload's description, as the uploads table keeps it (its bytes are in upload_chunks). */
export interface UploadRecord {
  id: string;
  institution: string;
  name: string;
  type: AttachmentType;
  size: number;
  chunks: number;
  state: 'writing' | 'ready';
  createdAt: string;
  requestId: number | null;
  eventId: number | null;
  by: 'citizen' | 'institution' | null;
}

function toUpload(row: Row): UploadRecord {
  return {
    id: str(row, 'id'),
    institution: str(row, 'institution'),
    name: str(row, 'name'),
    type: str(row, 'type') as AttachmentType,
    size: num(row, 'size'),
    chunks: num(row, 'chunks'),
    state: str(row, 'state') as UploadRecord['state'],
    createdAt: str(row, 'created_at'),
    requestId: numOrNull(row, 'request_id'),
    eventId: numOrNull(row, 'event_id'),
    by: strOrNull(row, 'by') as UploadRecord['by'],
  };
}

const COLUMNS = 'id, institution, name, type, size, chunks, state, created_at, request_id, event_id, by';

export async function findUpload(client: Queryable, id: string): Promise<UploadRecord | null> {
  const result = await client.execute({ sql: `SELECT ${COLUMNS} FROM uploads WHERE id = ?`, args: [id] });
  const row = result.rows[0];
  return row ? toUpload(row) : null;
}

/** Uploads by id, in the order of `ids`; ids that name none are simply missing. */
export async function findUploads(client: Queryable, ids: readonly string[]): Promise<UploadRecord[]> {
  if (ids.length === 0) return [];
  const result = await client.execute({
    sql: `SELECT ${COLUMNS} FROM uploads WHERE id IN (${ids.map(() => '?').join(', ')})`,
    args: [...ids],
  });
  const found = new Map(result.rows.map((row) => [str(row, 'id'), toUpload(row)]));
  return ids.flatMap((id) => found.get(id) ?? []);
}

/** The files of a request, oldest first; each names the event it came with. */
export async function listUploadsOfRequest(client: Queryable, requestId: number): Promise<UploadRecord[]> {
  const result = await client.execute({
    sql: `SELECT ${COLUMNS} FROM uploads WHERE request_id = ? AND state = 'ready' ORDER BY event_id, position`,
    args: [requestId],
  });
  return result.rows.map(toUpload);
}

/** Bytes an institution stores, claimed or not (uploads still being written count too). */
export async function storedBytes(client: Queryable, institution: string): Promise<number> {
  const result = await client.execute({
    sql: 'SELECT COALESCE(SUM(size), 0) AS bytes FROM uploads WHERE institution = ?',
    args: [institution],
  });
  return num(result.rows[0], 'bytes');
}

/** One chunk of an upload's bytes: a Buffer from the driver, an ArrayBuffer from @libsql/client. */
export async function readUploadChunk(client: Queryable, id: string, n: number): Promise<Uint8Array> {
  const result = await client.execute({
    sql: 'SELECT data FROM upload_chunks WHERE upload_id = ? AND n = ?',
    args: [id, n],
  });
  const data = result.rows[0]?.data;
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new Error(`chunk ${n} of an upload is missing`);
}
