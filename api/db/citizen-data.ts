import { isOverdue } from '../domain/overdue.ts';
import type { CitizenDataExport } from '../schema/responses.ts';
import { listEvents, listOutboxOfRequest, type RequestRecord } from './requests.ts';
import type { Reader } from './types.ts';

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
      events: await listEvents(read, id),
      outbox: await listOutboxOfRequest(read, id),
    });
  }
  return exported;
}
