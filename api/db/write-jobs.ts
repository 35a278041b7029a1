import type { InStatement } from '@libsql/client';
import { canTransition } from '../domain/status-machine.ts';
import { ApiError } from '../errors.ts';
import { enqueueCreated, enqueueStatusChanged, forgetRecipients } from '../outbox/enqueue.ts';
import { claimOutbox, settleOutbox } from '../outbox/store.ts';
import type { Status } from '../schema/status.ts';
import type { QueryResult, WriteTx } from './file-connection.ts';
import {
  appendEvent,
  findIdempotent,
  findRequestByTicket,
  insertRequests,
  type NewRequest,
  purgeExpired,
  saveIdempotent,
  spendCaptcha,
} from './requests.ts';
import { isRetryable } from './retryable.ts';

/**
 * Every write the application makes, by name. Writes run where the write connection is: for a
 * database file that is a worker thread (write-thread.ts), so a job is a name and a structured-
 * cloneable input, never a closure, and it returns plain data. Each runs inside the writer's
 * shared transaction (see GroupCommitWriter): it may read, decide and write, and either all of it
 * commits or none of it.
 */

export interface FileRequestInput {
  request: NewRequest;
  /** The part of the receipt known before the insert; ticket and statusUrl come from it. */
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

/** The 201's body as text, or what a concurrent retry with the same idempotency key committed first. */
export type FileRequestOutcome = { response: string } | { replay: string } | { conflict: true };

/** One filing's outcome among several, or the error it alone got (it wrote nothing). */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Citizens' filings, in the order given, as if each ran alone after the one before it: for each,
 * the idempotency check and the captcha's single use, then one multi-row insert for all of them
 * (see insertRequests), their outbox messages and their idempotency records. A filing whose key an
 * earlier one of the same call used replays or conflicts with it, as it would one already stored;
 * a captcha spent twice fails the second. Those are each filing's own outcome, never a throw.
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
  if (inputs.length <= 1) return fileTogether(tx, inputs);
  await tx.execute('SAVEPOINT filings');
  try {
    const settled = await fileTogether(tx, inputs);
    await tx.execute('RELEASE filings');
    return settled;
  } catch (error) {
    if (isRetryable(error)) throw error;
    await tx.execute('ROLLBACK TO filings');
    await tx.execute('RELEASE filings');
  }
  const settled: Settled<FileRequestOutcome>[] = [];
  for (const input of inputs) {
    await tx.execute('SAVEPOINT filing');
    try {
      settled.push({ ok: true, value: await writeJobs.fileRequest(tx, input) });
      await tx.execute('RELEASE filing');
    } catch (error) {
      if (isRetryable(error)) throw error;
      await tx.execute('ROLLBACK TO filing');
      await tx.execute('RELEASE filing');
      settled.push({ ok: false, error });
    }
  }
  return settled;
}

async function fileTogether(tx: WriteTx, inputs: FileRequestInput[]): Promise<Settled<FileRequestOutcome>[]> {
  const settled: Settled<FileRequestOutcome>[] = [];
  /** Filings that reuse the key of an earlier one of this call, with that filing (index, body hash). */
  const repeats: { index: number; bodyHash: string; of: { index: number; bodyHash: string } }[] = [];
  /** Which filing of this call will store each key (institution and key). */
  const keyOwners = new Map<string, { index: number; bodyHash: string }>();
  const filed: number[] = [];
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
        settled[index] = { ok: true, value: earlier };
        continue;
      }
    }
    if (captchaSpend && !(await spendCaptcha(tx, captchaSpend.id, captchaSpend.expiresAt))) {
      settled[index] = { ok: false, error: new ApiError('captcha_failed') };
      continue;
    }
    if (idempotency) keyOwners.set(owner, { index, bodyHash: idempotency.bodyHash });
    filed.push(index);
  }

  const inserted = await insertRequests(
    tx,
    filed.map((index) => (inputs[index] as FileRequestInput).request),
  );
  const responses = new Map<number, string>();
  for (const [n, index] of filed.entries()) {
    const input = inputs[index] as FileRequestInput;
    const { id, ticket } = inserted[n] as { id: number; ticket: string };
    const { request, idempotency } = input;
    const citizen = request.filing.anonymous ? undefined : request.filing.citizen;
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
        },
        trackingCode: input.receipt.trackingCode,
        citizenHasEmail: Boolean(citizen?.email),
      },
      { mail: input.mail, now: request.createdAt },
    );
    const response = JSON.stringify({
      ticket,
      trackingCode: input.receipt.trackingCode,
      status: 'received',
      createdAt: input.receipt.createdAt,
      dueDate: input.receipt.dueDate,
      statusUrl: `/api/v1/requests/${ticket}`,
    });
    responses.set(index, response);
    settled[index] = { ok: true, value: { response } };
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
    settled[index] = { ok: true, value: replayOrConflict(earlier, bodyHash) ?? { conflict: true } };
  }
  return settled;
}

export interface StaffEventInput {
  institution: string;
  ticket: string;
  status: Status;
  note?: string;
  internalNote?: string;
  actor: string;
  at: string;
  mail: boolean;
}

export const writeJobs = {
  /** Statements in order, e.g. a catalog import; each result as the statement gave it. */
  async statements(tx: WriteTx, statements: InStatement[]): Promise<QueryResult[]> {
    // They may add a webhook or a mailbox that later jobs of the same transaction must see.
    forgetRecipients(tx);
    const results: QueryResult[] = [];
    for (const statement of statements) results.push(await tx.execute(statement));
    return results;
  },

  /** Applies one migration file unless already recorded; true when it applied it. */
  async migration(
    tx: WriteTx,
    { file, sql, at }: { file: string; sql: string; at: string },
  ): Promise<boolean> {
    forgetRecipients(tx);
    await tx.execute(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const seen = await tx.execute({ sql: 'SELECT 1 FROM schema_migrations WHERE version = ?', args: [file] });
    if (seen.rows.length > 0) return false;
    await tx.executeMultiple(sql);
    await tx.execute({
      sql: 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)',
      args: [file, at],
    });
    return true;
  },

  /** A citizen's filing alone: how `fileRequests` runs each one after a failure (the job runner files them together). */
  async fileRequest(tx: WriteTx, input: FileRequestInput): Promise<FileRequestOutcome> {
    const [outcome] = await fileTogether(tx, [input]);
    if (!outcome) throw new Error('the filing got no outcome');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  },

  /** A staff member moves a request on. Read inside the write transaction: two moves are serialized. */
  async staffEvent(tx: WriteTx, input: StaffEventInput) {
    const request = await findRequestByTicket(tx, input.ticket);
    if (!request || request.institution !== input.institution) throw new ApiError('request_not_found');
    if (!canTransition(request.status, input.status)) {
      throw new ApiError('invalid_transition', { params: { from: request.status, to: input.status } });
    }
    const event = await appendEvent(tx, {
      requestId: request.id,
      status: input.status,
      ...(input.note ? { note: input.note } : {}),
      ...(input.internalNote ? { internalNote: input.internalNote } : {}),
      actor: input.actor,
      at: input.at,
    });
    await enqueueStatusChanged(
      tx,
      {
        requestId: request.id,
        eventId: event.id,
        institution: request.institution,
        ticket: request.ticket,
        status: event.status,
        note: event.note,
        at: event.at,
        citizenHasEmail: Boolean(request.citizen?.email),
      },
      { mail: input.mail, now: input.at },
    );
    return event;
  },

  claimOutbox,
  settleOutbox,

  /** Drops expired captcha records and day-old idempotency keys. */
  async purgeExpired(tx: WriteTx, { now }: { now: string }): Promise<void> {
    await purgeExpired(tx, new Date(now));
  },
} satisfies Record<string, (tx: WriteTx, input: never) => Promise<unknown>>;

export type WriteJobs = typeof writeJobs;
export type JobName = keyof WriteJobs;
export type JobInput<N extends JobName> = Parameters<WriteJobs[N]>[1];
export type JobOutput<N extends JobName> = Awaited<ReturnType<WriteJobs[N]>>;

/** Errors cross the thread boundary as data; an ApiError comes back as an ApiError. */
export type SerializedError =
  | { api: true; code: ApiError['code']; options: ApiError['options'] }
  | { api: false; name: string; message: string; code?: string };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ApiError) return { api: true, code: error.code, options: error.options };
  const e = error as { name?: string; message?: string; code?: unknown };
  return {
    api: false,
    name: String(e?.name ?? 'Error'),
    message: String(e?.message ?? error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}

export function reviveError(error: SerializedError): Error {
  if (error.api) return new ApiError(error.code, error.options);
  const revived = new Error(error.message) as Error & { code?: string };
  revived.name = error.name;
  if (error.code) revived.code = error.code;
  return revived;
}
