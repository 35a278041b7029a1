import { isOverdue } from '../domain/overdue.ts';
import type { CitizenDataExport } from '../schema/responses.ts';
import { listEvents, listOutboxOfRequest, type RequestRecord } from './requests.ts';
import type { Reader } from './types.ts';
import { listUploadsOfRequest } from './uploads.ts';

/**
 * Everything held about the requests given (a citizen's, for their right of access: LOPDP art. 13,
 * Ley 1581 art. 8 a), Ley 29733 art. 19): each request as staff see it, its whole history with the
 * internal notes, and every outbox message about it with what it says. Shared by the staff API and
 * the CLI.
 */
export async function citizenDataExport(
  read: Reader,
  requests: RequestRecord[],
  {
    institution,
    key,
    today,
    generatedAt,
  }: Pick<CitizenDataExport, 'institution' | 'key' | 'generatedAt'> & {
    today: string;
  },
): Promise<CitizenDataExport> {
  const exported: CitizenDataExport = { institution, generatedAt, key, requests: [] };
  for (const request of requests) {
    const { id, trackingHash: _hash, institution: _institution, life, ...rest } = request;
    exported.requests.push({
      ...rest,
      ...life,
      overdue: isOverdue(request, today),
      // Each event with its files (name, type, size and where staff download them): files are
      // personal data the citizen may ask for too.
      events: await eventsWithFiles(read, id, request.institution, request.ticket),
      outbox: await listOutboxOfRequest(read, id),
    });
  }
  return exported;
}

async function eventsWithFiles(read: Reader, requestId: number, institution: string, ticket: string) {
  const uploads = await listUploadsOfRequest(read, requestId);
  return (await listEvents(read, requestId)).map((event) => ({
    ...event,
    attachments: uploads
      .filter((u) => u.eventId === event.id)
      .map((u) => ({
        id: u.id,
        name: u.name,
        type: u.type,
        size: u.size,
        url: `/api/v1/institutions/${institution}/requests/${ticket}/attachments/${u.id}`,
      })),
  }));
}
