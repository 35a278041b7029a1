import type { WriteTx } from '../db/types.ts';

/**
 * Writing messages into the outbox, inside the command of the filing or status change they tell
 * of (file-request.ts, staff-event.ts): both commit together or neither does. Each row gets its stable delivery
 * id here. What a message says is fixed now, as of its event; addresses and webhook endpoints are
 * read when it is delivered, so a corrected mailbox or a revoked webhook takes effect at once.
 */

export interface Notify {
  /** Mail is configured (SMTP_URL): mails are written; otherwise only webhooks. */
  mail: boolean;
  now: string;
}

export interface CreatedEvent {
  requestId: number;
  /** The first event is written by a trigger; the message is about the request itself. */
  eventId: null;
  institution: string;
  /** What the institution's systems get; the citizen's personal data included (it is their case). */
  request: Record<string, unknown>;
  /**
   * Shown to the citizen once, in the 201 and in the acknowledgement: sealed (domain/secret-box.ts),
   * opened by the dispatcher; erased from the row once sent or dead.
   */
  trackingCode: string;
  citizenHasEmail: boolean;
}

export interface StatusChangedEvent {
  requestId: number;
  eventId: number;
  institution: string;
  ticket: string;
  status: string;
  /** The public note (never the internal one). */
  note: string | null;
  at: string;
  citizenHasEmail: boolean;
}

const NEW_ID = 'lower(hex(randomblob(16)))';

interface Message {
  requestId: number;
  eventId: number | null;
  kind: string;
  payload: unknown;
  now: string;
}

/**
 * Writes one message per row that `to` selects: its channel and destination as SQL, and where
 * they come from (one row for the citizen, the institution if it has a mailbox, each live webhook).
 */
async function enqueue(
  tx: WriteTx,
  message: Message,
  to: { channelAndDestination: string; from?: string; args?: string[] },
) {
  await tx.execute({
    sql: `INSERT INTO outbox (delivery_id, channel, destination, request_id, event_id, kind, payload, next_attempt_at, created_at)
          SELECT ${NEW_ID}, ${to.channelAndDestination}, ?, ?, ?, ?, ?, ? ${to.from ?? ''}`,
    args: [
      message.requestId,
      message.eventId,
      message.kind,
      JSON.stringify(message.payload),
      message.now,
      message.now,
      ...(to.args ?? []),
    ],
  });
}

const TO_CITIZEN = { channelAndDestination: "'mail', 'citizen'" };
const toInstitution = (code: string) => ({
  channelAndDestination: "'mail', 'institution'",
  from: 'FROM institutions WHERE code = ? AND notification_email IS NOT NULL',
  args: [code],
});
const toWebhooks = (institution: string) => ({
  channelAndDestination: "'webhook', 'webhook:' || id",
  from: 'FROM webhooks WHERE institution = ? AND revoked_at IS NULL ORDER BY id',
  args: [institution],
});

interface Recipients {
  webhooks: boolean;
  institutionMail: boolean;
}

/**
 * Whether an institution has live webhooks and a mailbox, read once per write transaction. While
 * the transaction is open no other connection can change them (SQLite has one writer), so every job
 * of a batch may share the answer; a job that could change them (a catalog import, a webhook added
 * through `statements`) calls forgetRecipients. Most institutions have no webhook: without this,
 * every filing would run an INSERT … SELECT that finds no row.
 */
const recipients = new WeakMap<WriteTx, Map<string, Recipients>>();

export function forgetRecipients(tx: WriteTx): void {
  recipients.delete(tx);
}

async function recipientsOf(tx: WriteTx, institution: string): Promise<Recipients> {
  let known = recipients.get(tx);
  if (!known) {
    known = new Map();
    recipients.set(tx, known);
  }
  let found = known.get(institution);
  if (!found) {
    const { rows } = await tx.execute({
      sql: `SELECT EXISTS (SELECT 1 FROM webhooks WHERE institution = ? AND revoked_at IS NULL) AS webhooks,
                   EXISTS (SELECT 1 FROM institutions WHERE code = ? AND notification_email IS NOT NULL) AS mail`,
      args: [institution, institution],
    });
    found = { webhooks: Number(rows[0]?.webhooks) === 1, institutionMail: Number(rows[0]?.mail) === 1 };
    known.set(institution, found);
  }
  return found;
}

export async function enqueueCreated(tx: WriteTx, event: CreatedEvent, notify: Notify): Promise<void> {
  const message = {
    requestId: event.requestId,
    eventId: event.eventId,
    kind: 'request.created',
    now: notify.now,
  };
  const to = await recipientsOf(tx, event.institution);
  if (notify.mail && event.citizenHasEmail) {
    await enqueue(tx, { ...message, payload: { trackingCode: event.trackingCode } }, TO_CITIZEN);
  }
  if (notify.mail && to.institutionMail) {
    await enqueue(tx, { ...message, payload: {} }, toInstitution(event.institution));
  }
  if (to.webhooks) {
    await enqueue(tx, { ...message, payload: { request: event.request } }, toWebhooks(event.institution));
  }
}

export async function enqueueStatusChanged(
  tx: WriteTx,
  event: StatusChangedEvent,
  notify: Notify,
  /** What the citizen's mail alone adds (the answer's rating link: the sealed tracking code); never in a webhook. */
  citizenExtra: Record<string, unknown> = {},
): Promise<void> {
  const message = {
    requestId: event.requestId,
    eventId: event.eventId,
    kind: 'request.status_changed',
    now: notify.now,
    payload: { ticket: event.ticket, status: event.status, note: event.note, at: event.at },
  };
  if (notify.mail && event.citizenHasEmail) {
    await enqueue(tx, { ...message, payload: { ...message.payload, ...citizenExtra } }, TO_CITIZEN);
  }
  if ((await recipientsOf(tx, event.institution)).webhooks) {
    await enqueue(tx, message, toWebhooks(event.institution));
  }
}

/**
 * A message of the life of a request (issue 17: replies, withdrawals, extensions, transfers,
 * reminders, ratings): each audience gets its own payload, or nothing where it is left out. The
 * citizen's mail is written only when mail is configured and the citizen gave an address; the
 * institution's only when it has a mailbox; webhooks for each live endpoint.
 */
export async function enqueueLifeEvent(
  tx: WriteTx,
  event: {
    requestId: number;
    eventId: number | null;
    institution: string;
    kind: string;
    citizenHasEmail: boolean;
    citizen?: Record<string, unknown>;
    institutionMail?: Record<string, unknown>;
    webhook?: Record<string, unknown>;
  },
  notify: Notify,
): Promise<void> {
  const message = { requestId: event.requestId, eventId: event.eventId, kind: event.kind, now: notify.now };
  const to = await recipientsOf(tx, event.institution);
  if (event.citizen && notify.mail && event.citizenHasEmail) {
    await enqueue(tx, { ...message, payload: event.citizen }, TO_CITIZEN);
  }
  if (event.institutionMail && notify.mail && to.institutionMail) {
    await enqueue(tx, { ...message, payload: event.institutionMail }, toInstitution(event.institution));
  }
  if (event.webhook && to.webhooks) {
    await enqueue(tx, { ...message, payload: event.webhook }, toWebhooks(event.institution));
  }
}
