import type { InValue } from '@libsql/client';
import { findRequestByTicket } from '../../db/requests.ts';
import type { WriteTx } from '../../db/types.ts';
import { extensionRefusal } from '../../domain/legal-clock/index.ts';
import { canTransition } from '../../domain/status-machine.ts';
import type { Filing } from '../../schema/filing.ts';
import { OPEN_STATUSES } from '../../schema/status.ts';
import { insertRequests } from '../insert-requests.ts';
import { enqueueCreated, enqueueLifeEvent } from '../outbox-messages.ts';
import { appendEvent } from '../staff-event.ts';
import { readClock, syncClock } from './clock-sync.ts';

/** Staff extend a request's deadline and transfer a request to the competent institution (issue 17). */

export interface ExtensionInput {
  institution: string;
  ticket: string;
  dueDate: string;
  reason: string;
  actor: string;
  at: string;
  /** The institution's local date now. */
  today: string;
  mail: boolean;
}

export type ExtensionOutcome =
  | { extension: { dueDate: string; previousDueDate: string; reason: string; at: string } }
  | { notFound: true }
  | { notAllowed: { why: string; cap: string | null } };

export async function extendDeadline(tx: WriteTx, input: ExtensionInput): Promise<ExtensionOutcome> {
  const request = await findRequestByTicket(tx, input.ticket);
  if (!request || request.institution !== input.institution) return { notFound: true };
  const { state } = await readClock(tx, request.id);
  const why = OPEN_STATUSES.includes(request.status)
    ? extensionRefusal(state, input.dueDate, input.today)
    : 'ended';
  if (why || state.dueDate === null)
    return { notAllowed: { why: why ?? 'no_deadline', cap: state.extensionCap } };
  const previousDueDate = state.dueDate;
  await tx.execute({
    sql: `INSERT INTO request_extensions (request_id, due_date, previous_due_date, reason, actor, at)
          VALUES (?, ?, ?, ?, ?, ?)`,
    args: [request.id, input.dueDate, previousDueDate, input.reason, input.actor, input.at],
  });
  await syncClock(tx, request.id);
  const data = {
    ticket: request.ticket,
    dueDate: input.dueDate,
    previousDueDate,
    reason: input.reason,
    at: input.at,
  };
  await enqueueLifeEvent(
    tx,
    {
      requestId: request.id,
      eventId: null,
      institution: request.institution,
      kind: 'request.extended',
      citizenHasEmail: Boolean(request.citizen?.email),
      citizen: data,
      webhook: data,
    },
    { mail: input.mail, now: input.at },
  );
  return { extension: { dueDate: input.dueDate, previousDueDate, reason: input.reason, at: input.at } };
}

export interface TransferInput {
  institution: string;
  ticket: string;
  note?: string;
  actor: string;
  at: string;
  mail: boolean;
  /** An institution on the platform: the new request, as the route computed it from that catalog. */
  to?: { code: string; name: string; service: string; year: number; dueDate: string | null };
  /** The receiving entity's name (off the platform, or the name of `to`). */
  toName: string;
}

export type TransferOutcome =
  | { transferred: { ticket: string | null; institution: { code: string | null; name: string }; at: string } }
  | { notFound: true }
  | { invalidTransition: { from: string; to: string } };

/**
 * The request becomes `transferred`. To an institution on the platform, a new request is filed
 * there with the citizen's same data, description and tracking code (its hash: the citizen's code
 * opens both), its own ticket and its own clock from now, linked both ways.
 */
export async function transferRequest(tx: WriteTx, input: TransferInput): Promise<TransferOutcome> {
  const request = await findRequestByTicket(tx, input.ticket);
  if (!request || request.institution !== input.institution) return { notFound: true };
  if (!canTransition(request.status, 'transferred')) {
    return { invalidTransition: { from: request.status, to: 'transferred' } };
  }
  let newTicket: string | null = null;
  if (input.to) {
    const citizen = request.citizen;
    const filing = {
      type: request.type,
      service: input.to.service,
      subject: request.subject ?? '',
      description: request.description,
      anonymous: request.anonymous || !citizen,
      ...(citizen
        ? {
            citizen: {
              documentType: citizen.documentType,
              documentNumber: citizen.documentNumber,
              firstName: citizen.firstName,
              lastName: citizen.lastName,
              ...(citizen.email ? { email: citizen.email } : {}),
              ...(citizen.phone ? { phone: citizen.phone } : {}),
              preferentialAttention: citizen.preferentialAttention,
            },
          }
        : {}),
      ...(request.responseChannel ? { responseChannel: request.responseChannel } : {}),
      locale: request.locale,
      consent: true,
    } as unknown as Filing;
    const [inserted] = await insertRequests(tx, [
      {
        institution: input.to.code,
        year: input.to.year,
        filing,
        trackingHash: request.trackingHash,
        privacyVersion: request.privacyVersion,
        dueDate: input.to.dueDate,
        createdAt: input.at,
      },
    ]);
    if (!inserted) throw new Error('the transferred request was not inserted');
    newTicket = inserted.ticket;
    const sealed = await tx.execute({
      sql: 'SELECT tracking_code_sealed FROM requests WHERE id = ?',
      args: [request.id],
    });
    const args: InValue[] = [
      request.ticket,
      sealed.rows[0]?.tracking_code_sealed ?? null,
      input.to.dueDate,
      inserted.id,
    ];
    await tx.execute({
      sql: 'UPDATE requests SET transferred_from = ?, tracking_code_sealed = ?, original_due_date = ? WHERE id = ?',
      args,
    });
    // The receiving institution hears of it as of a new request; the citizen is told by the transfer notice.
    await enqueueCreated(
      tx,
      {
        requestId: inserted.id,
        eventId: null,
        institution: input.to.code,
        request: {
          ticket: inserted.ticket,
          institution: input.to.code,
          type: request.type,
          service: input.to.service,
          status: 'received',
          subject: request.subject,
          description: request.description,
          anonymous: filing.anonymous,
          citizen: citizen ?? null,
          responseChannel: request.responseChannel,
          locale: request.locale,
          dueDate: input.to.dueDate,
          createdAt: input.at,
          transferredFrom: { ticket: request.ticket, institution: request.institution },
        },
        trackingCode: '',
        citizenHasEmail: false,
      },
      { mail: input.mail, now: input.at },
    );
  }
  const event = await appendEvent(tx, {
    requestId: request.id,
    status: 'transferred',
    ...(input.note ? { note: input.note } : {}),
    actor: input.actor,
    at: input.at,
  });
  await tx.execute({
    sql: 'UPDATE requests SET transferred_to = ?, transferred_to_name = ?, citizen_replied_at = NULL WHERE id = ?',
    args: [newTicket, input.toName, request.id],
  });
  await syncClock(tx, request.id);
  const to = { ticket: newTicket, institution: { code: input.to?.code ?? null, name: input.toName } };
  await enqueueLifeEvent(
    tx,
    {
      requestId: request.id,
      eventId: event.id,
      institution: request.institution,
      kind: 'request.transferred',
      citizenHasEmail: Boolean(request.citizen?.email),
      citizen: { to, note: input.note ?? null },
      webhook: { ticket: request.ticket, status: 'transferred', to, note: input.note ?? null, at: input.at },
    },
    { mail: input.mail, now: input.at },
  );
  return { transferred: { ...to, at: input.at } };
}
