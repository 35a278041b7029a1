import * as v from 'valibot';

/**
 * Attachments (CONTRACT §6): what an institution accepts, how an upload is named, and how a
 * stored file appears in the status view, the staff API and the webhooks.
 */

/** The types an institution may accept: the ones whose bytes the server recognises and can clean. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** What a citizen sees a type called: "PDF, JPG ni PNG". */
export const TYPE_LABELS: Record<AttachmentType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
};

/**
 * Conservative default of an institution's storage for files (catalog `attachments.quotaBytes`):
 * enough for thousands of requests with a photo or two, small enough that one institution's
 * abuse cannot fill the disk every institution shares.
 */
export const DEFAULT_QUOTA_BYTES = 2 * 1024 ** 3;

/** How long an upload no filing, reply or staff event claims is kept, in milliseconds. */
export const UPLOAD_TTL_MS = 24 * 3600_000;

export const AttachmentPolicySchema = v.object({
  maxFiles: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)),
  /** Per file, in bytes; at most 50 MB. */
  maxBytes: v.pipe(v.number(), v.integer(), v.minValue(1024), v.maxValue(50 * 1024 ** 2)),
  types: v.pipe(v.array(v.picklist(ATTACHMENT_TYPES)), v.minLength(1)),
  /** All the institution's stored files together, in bytes; absent: DEFAULT_QUOTA_BYTES. */
  quotaBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1024 ** 2))),
});
export type AttachmentPolicy = v.InferOutput<typeof AttachmentPolicySchema>;

/** `upl_` and 22 base64url characters (128 random bits). */
export const UPLOAD_ID = /^upl_[A-Za-z0-9_-]{22}$/;

/** The upload ids a filing, a reply or a staff event carries; the catalog's maxFiles is checked beside. */
export const AttachmentIdsSchema = v.pipe(
  v.array(v.pipe(v.string(), v.regex(UPLOAD_ID, 'attachment_unavailable'))),
  v.maxLength(20),
  v.check((ids) => new Set(ids).size === ids.length, 'attachment_repeated'),
);

/** `POST /institutions/{code}/uploads` → 201. */
export interface UploadReceipt {
  id: string;
  name: string;
  type: AttachmentType;
  size: number;
}

/** A stored file as the APIs list it: the receipt plus where to download it. */
export interface Attachment extends UploadReceipt {
  /** The path to GET it (staff: with the token; the citizen: with X-Tracking-Code). */
  url: string;
}

/** `POST /institutions/{code}/uploads` → 201, for the OpenAPI document and tests. */
export const UploadReceiptSchema = v.object({
  id: v.pipe(v.string(), v.regex(UPLOAD_ID)),
  name: v.string(),
  type: v.picklist(ATTACHMENT_TYPES),
  size: v.number(),
});

/** The wire form of an Attachment, for response schemas. */
export const AttachmentSchema = v.object({
  id: v.string(),
  name: v.string(),
  type: v.picklist(ATTACHMENT_TYPES),
  size: v.number(),
  url: v.string(),
});

/** A file name made safe to show and to put in a Content-Disposition header. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).at(-1) ?? '';
  // Control characters and the ones a header or a shell would read specially go.
  const cleaned = base
    .normalize('NFC')
    .replace(/\p{Cc}/gu, '')
    .replace(/["<>|:*?]/g, '')
    .trim();
  return (cleaned || 'archivo').slice(0, 200);
}
