import type { UploadRecord } from '../db/uploads.ts';
import type { Attachment } from '../schema/attachments.ts';

/** Where staff download a file of a request. */
export function staffDownloadPath(institution: string, ticket: string, id: string): string {
  return `/api/v1/institutions/${institution}/requests/${ticket}/attachments/${id}`;
}

/** Where the citizen downloads it, with the tracking code in X-Tracking-Code (never in the URL). */
export function citizenDownloadPath(ticket: string, id: string): string {
  return `/api/v1/requests/${ticket}/attachments/${id}`;
}

/** A stored file as the APIs list it. */
export function toAttachment(
  upload: Pick<UploadRecord, 'id' | 'name' | 'type' | 'size'>,
  url: string,
): Attachment {
  return { id: upload.id, name: upload.name, type: upload.type, size: upload.size, url };
}

/** A request's files grouped by the event they came with. */
export function byEvent(uploads: UploadRecord[], url: (upload: UploadRecord) => string) {
  const groups = new Map<number, Attachment[]>();
  for (const upload of uploads) {
    if (upload.eventId === null) continue;
    const list = groups.get(upload.eventId) ?? [];
    list.push(toAttachment(upload, url(upload)));
    groups.set(upload.eventId, list);
  }
  return groups;
}
