import type { WriteTx } from '../db/file-connection.ts';

/**
 * Writing messages into the outbox, inside the write job of the filing or status change they tell
 * of (see write-jobs.ts): both commit together or neither does. Each row gets its stable delivery
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
  /** Shown to the citizen once, in the 201 and in the acknowledgement; erased from the row once sent. */
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

async function insert(
  tx: WriteTx,
  row: { channel: 'mail'; destination: 'citizen' | 'institution' },
  common: { requestId: number; eventId: number | null; kind: string; payload: unknown; now: string },
): Promise<void> {
  await tx.execute({
    sql: `INSERT INTO outbox (delivery_id, channel, destination, request_id, event_id, kind, payload, next_attempt_at, created_at)
          VALUES (${NEW_ID}, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      row.channel,
      row.destination,
      common.requestId,
      common.eventId,
      common.kind,
      JSON.stringify(common.payload),
      common.now,
      common.now,
    ],
  });
}

/** One webhook message per active webhook of the institution. */
async function insertWebhooks(
  tx: WriteTx,
  institution: string,
  common: { requestId: number; eventId: number | null; kind: string; payload: unknown; now: string },
): Promise<void> {
  await tx.execute({
    sql: `INSERT INTO outbox (delivery_id, channel, destination, request_id, event_id, kind, payload, next_attempt_at, created_at)
          SELECT ${NEW_ID}, 'webhook', 'webhook:' || id, ?, ?, ?, ?, ?, ? FROM webhooks
          WHERE institution = ? AND revoked_at IS NULL ORDER BY id`,
    args: [
      common.requestId,
      common.eventId,
      common.kind,
      JSON.stringify(common.payload),
      common.now,
      common.now,
      institution,
    ],
  });
}

export async function enqueueCreated(tx: WriteTx, event: CreatedEvent, notify: Notify): Promise<void> {
  const common = {
    requestId: event.requestId,
    eventId: event.eventId,
    kind: 'request.created',
    now: notify.now,
  };
  if (notify.mail && event.citizenHasEmail) {
    await insert(
      tx,
      { channel: 'mail', destination: 'citizen' },
      {
        ...common,
        payload: { trackingCode: event.trackingCode },
      },
    );
  }
  if (notify.mail) {
    await tx.execute({
      sql: `INSERT INTO outbox (delivery_id, channel, destination, request_id, event_id, kind, payload, next_attempt_at, created_at)
            SELECT ${NEW_ID}, 'mail', 'institution', ?, ?, ?, '{}', ?, ? FROM institutions
            WHERE code = ? AND notification_email IS NOT NULL`,
      args: [common.requestId, common.eventId, common.kind, common.now, common.now, event.institution],
    });
  }
  await insertWebhooks(tx, event.institution, { ...common, payload: { request: event.request } });
}

export async function enqueueStatusChanged(
  tx: WriteTx,
  event: StatusChangedEvent,
  notify: Notify,
): Promise<void> {
  const common = {
    requestId: event.requestId,
    eventId: event.eventId,
    kind: 'request.status_changed',
    now: notify.now,
  };
  const change = { ticket: event.ticket, status: event.status, note: event.note, at: event.at };
  if (notify.mail && event.citizenHasEmail) {
    await insert(tx, { channel: 'mail', destination: 'citizen' }, { ...common, payload: change });
  }
  await insertWebhooks(tx, event.institution, { ...common, payload: change });
}
