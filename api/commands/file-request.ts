import { findIdempotent } from '../db/requests.ts';
import { eachInSavepoint, inSavepoint } from '../db/savepoint.ts';
import type { Settled, WriteTx } from '../db/types.ts';
import { findUploads } from '../db/uploads.ts';
import { isoSeconds } from '../domain/clock.ts';
import { type Attachment, UPLOAD_TTL_MS } from '../schema/attachments.ts';
import { insertRequests, type NewRequest } from './insert-requests.ts';
import { enqueueCreated } from './outbox-messages.ts';
import { canClaim, claimUploads } from './uploads.ts';

/**
 * A citizen's filing, in the write transaction: the idempotency check, the captcha's single use,
 * the insert with its ticket number, the outbox's messages and the idempotency record, all
 * committed together or not at all. Its refusals are outcomes, not errors: the route decides what
 * they mean in HTTP.
 */

export interface FileRequestInput {
  request: NewRequest;
  /**
   * The part of the receipt known before the insert; ticket and statusUrl come from it. The
   * tracking code is sealed (domain/secret-box.ts) by the route: it goes into the idempotency
   * replay and the acknowledgement's outbox payload as it is, so the database never holds it in
   * the clear, and the write thread never needs the key.
   */
  receipt: { trackingCode: string; createdAt: string; dueDate: string | null };
  idempotency?: { key: string; bodyHash: string };
  captchaSpend?: { id: string; expiresAt: number };
  /** Whether mail is configured: the acknowledgement and the institution's notice go in the outbox. */
  mail: boolean;
}

/** What an earlier filing with the same idempotency key means for this one: its 201 again, or a conflict. */
export type Replay = { replay: string } | { conflict: true };

/** The same key with the same body replays the first 201; with another body it is a conflict. */
export function replayOrConflict(
  earlier: { bodyHash: string; response: string } | null,
  bodyHash: string,
): Replay | null {
  if (!earlier) return null;
  return earlier.bodyHash === bodyHash ? { replay: earlier.response } : { conflict: true };
}

/**
 * The 201's body as text, and where the request's status is (its Location); or what an earlier
 * filing with the same idempotency key committed first (a replay or a conflict); or a captcha
 * solution that was already spent (a replayed token).
 */
export type FileRequestOutcome =
  | { response: string; statusUrl: string }
  | Replay
  | { captchaSpent: true }
  /** An upload it names is unknown, expired, already used or another institution's (CONTRACT §6). */
  | { attachmentsUnavailable: true };

/**
 * Citizens' filings, in the order given, as if each ran alone after the one before it: for each,
 * the idempotency check and the captcha's single use, then one multi-row insert for all of them
 * (see insertRequests), their outbox messages and their idempotency records. A filing whose key an
 * earlier one of the same call used replays or conflicts with it, as it would one already stored;
 * a captcha spent twice is refused to the second. Those are each filing's own outcome, never a throw.
 *
 * Anything else that fails (a constraint, say a service removed from the catalog meanwhile) must
 * not fail the others: the work is undone to a savepoint and the filings run again one at a time,
 * each in its own savepoint, so only the failing one gets the error.
 */
export async function fileRequests(
  tx: WriteTx,
  inputs: FileRequestInput[],
): Promise<Settled<FileRequestOutcome>[]> {
  // Alone, a failure is the job's: the writer rolls its transaction (or savepoint) back.
  if (inputs.length <= 1) return (await fileTogether(tx, inputs)).map(settle);
  const together = await inSavepoint(tx, 'filings', () => fileTogether(tx, inputs));
  if (together.ok) return together.value.map(settle);
  return eachInSavepoint(tx, 'filing', inputs, (input) => fileRequest(tx, input));
}

const settle = (value: FileRequestOutcome): Settled<FileRequestOutcome> => ({ ok: true, value });

/** A citizen's filing alone: how `fileRequests` runs each one after a failure (the runner files them together). */
export async function fileRequest(tx: WriteTx, input: FileRequestInput): Promise<FileRequestOutcome> {
  const [outcome] = await fileTogether(tx, [input]);
  if (!outcome) throw new Error('the filing got no outcome');
  return outcome;
}

/** The filings in one pass; whatever throws (a constraint) is the whole call's failure. */
async function fileTogether(tx: WriteTx, inputs: FileRequestInput[]): Promise<FileRequestOutcome[]> {
  const outcomes: FileRequestOutcome[] = [];
  /** Filings that reuse the key of an earlier one of this call, with that filing (index, body hash). */
  const repeats: { index: number; bodyHash: string; of: { index: number; bodyHash: string } }[] = [];
  /** Which filing of this call will store each key (institution and key). */
  const keyOwners = new Map<string, { index: number; bodyHash: string }>();
  const filed: number[] = [];
  /** Uploads the filings of this call claim: two filings never share one. */
  const claimed = new Set<string>();
  for (const [index, input] of inputs.entries()) {
    const { idempotency, captchaSpend } = input;
    const owner = idempotency ? `${input.request.institution}\n${idempotency.key}` : '';
    if (idempotency) {
      const of = keyOwners.get(owner);
      if (of !== undefined) {
        repeats.push({ index, bodyHash: idempotency.bodyHash, of });
        continue;
      }
      const earlier = replayOrConflict(
        await findIdempotent(tx, input.request.institution, idempotency.key),
        idempotency.bodyHash,
      );
      if (earlier) {
        outcomes[index] = earlier;
        continue;
      }
    }
    // Before the captcha is spent: a citizen told to upload a file again keeps a usable solution.
    const ids = input.request.filing.attachments ?? [];
    if (ids.length > 0 && !(await canClaim(tx, claimOf(input.request), claimed))) {
      outcomes[index] = { attachmentsUnavailable: true };
      continue;
    }
    if (captchaSpend && !(await spendCaptcha(tx, captchaSpend.id, captchaSpend.expiresAt))) {
      outcomes[index] = { captchaSpent: true };
      continue;
    }
    if (idempotency) keyOwners.set(owner, { index, bodyHash: idempotency.bodyHash });
    for (const id of ids) claimed.add(id);
    filed.push(index);
  }

  const inserted = await insertRequests(
    tx,
    filed.map((index) => {
      const input = inputs[index] as FileRequestInput;
      return { ...input.request, trackingCodeSealed: input.receipt.trackingCode };
    }),
  );
  const responses = new Map<number, string>();
  for (const [n, index] of filed.entries()) {
    const input = inputs[index] as FileRequestInput;
    const { id, ticket } = inserted[n] as { id: number; ticket: string };
    const { request, idempotency } = input;
    const citizen = request.filing.anonymous ? undefined : request.filing.citizen;
    const attachments = await attachFiles(tx, request, { id, ticket });
    await enqueueCreated(
      tx,
      {
        requestId: id,
        eventId: null,
        institution: request.institution,
        request: {
          ticket,
          institution: request.institution,
          type: request.filing.type,
          service: request.filing.service,
          status: 'received',
          subject: request.filing.subject || null,
          description: request.filing.description,
          anonymous: request.filing.anonymous,
          citizen: citizen ?? null,
          responseChannel: citizen ? (request.filing.responseChannel ?? null) : null,
          locale: request.filing.locale,
          dueDate: request.dueDate,
          createdAt: request.createdAt,
          attachments,
        },
        trackingCode: input.receipt.trackingCode,
        citizenHasEmail: Boolean(citizen?.email),
      },
      { mail: input.mail, now: request.createdAt },
    );
    const statusUrl = `/api/v1/requests/${ticket}`;
    const response = JSON.stringify({
      ticket,
      trackingCode: input.receipt.trackingCode,
      status: 'received',
      createdAt: input.receipt.createdAt,
      dueDate: input.receipt.dueDate,
      statusUrl,
    });
    responses.set(index, response);
    outcomes[index] = { response, statusUrl };
    if (idempotency) {
      await saveIdempotent(tx, {
        institution: request.institution,
        key: idempotency.key,
        bodyHash: idempotency.bodyHash,
        response,
        createdAt: input.receipt.createdAt,
      });
    }
  }
  for (const { index, bodyHash, of } of repeats) {
    const earlier = { bodyHash: of.bodyHash, response: responses.get(of.index) ?? '' };
    outcomes[index] = replayOrConflict(earlier, bodyHash) ?? { conflict: true };
  }
  return outcomes;
}

/** Records a captcha solution as used; false when it already was (a replay). */
export async function spendCaptcha(tx: WriteTx, id: string, expiresAt: number): Promise<boolean> {
  const result = await tx.execute({
    sql: 'INSERT INTO captcha_spent (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING RETURNING id',
    args: [id, expiresAt],
  });
  return result.rows.length === 1;
}

// The first 201 of a key is stored with a hash of its body and replayed for retries (see findIdempotent).
export async function saveIdempotent(
  tx: WriteTx,
  record: { institution: string; key: string; bodyHash: string; response: string; createdAt: string },
): Promise<void> {
  await tx.execute({
    sql: 'INSERT INTO idempotency_keys (institution, key, body_hash, response, created_at) VALUES (?, ?, ?, ?, ?)',
    args: [record.institution, record.key, record.bodyHash, record.response, record.createdAt],
  });
}

/** The uploads a filing may claim: its institution's, made within the day before it. */
function claimOf(request: NewRequest) {
  return {
    ids: request.filing.attachments ?? [],
    institution: request.institution,
    notBefore: isoSeconds(new Date(new Date(request.createdAt).getTime() - UPLOAD_TTL_MS)),
  };
}

/** Ties a new request's files to it and to its first event; what its webhook lists. */
async function attachFiles(
  tx: WriteTx,
  request: NewRequest,
  inserted: { id: number; ticket: string },
): Promise<Attachment[]> {
  const ids = request.filing.attachments ?? [];
  if (ids.length === 0) return [];
  const first = await tx.execute({
    sql: 'SELECT id FROM request_events WHERE request_id = ? ORDER BY id LIMIT 1',
    args: [inserted.id],
  });
  await claimUploads(tx, ids, { requestId: inserted.id, eventId: Number(first.rows[0]?.id), by: 'citizen' });
  const uploads = await findUploads(tx, ids);
  return ids.flatMap((uploadId) => {
    const u = uploads.find((found) => found.id === uploadId);
    return u
      ? [
          {
            id: u.id,
            name: u.name,
            type: u.type,
            size: u.size,
            url: `/api/v1/institutions/${request.institution}/requests/${inserted.ticket}/attachments/${u.id}`,
          },
        ]
      : [];
  });
}
