import * as v from 'valibot';
import { ATTACHMENT_TYPES, type AttachmentType, type CatalogFile, CatalogFileSchema } from '#schema';

/**
 * The catalog as the form holds it while it is edited: the catalog file itself for its texts, and
 * the few values typed as text (the origins, one per line; the numbers of the attachments policy)
 * kept as typed until the form is sent, so a half-typed number is never rounded under the cursor.
 * Pure: no lit, no DOM.
 */
export interface CatalogDraft {
  catalog: CatalogFile;
  origins: string;
  attachments: {
    accepted: boolean;
    maxFiles: string;
    /** Megabytes, as typed ("10", "2,5"). */
    maxMb: string;
    types: AttachmentType[];
    /** Kept as it was: the platform's quota is not the institution's to raise here. */
    quotaBytes?: number;
  };
  /** The ids of the services already saved: those are fixed (requests and routing point at them). */
  savedServiceIds: string[];
}

const MB = 1024 * 1024;

/** Megabytes as the form shows them: "10", "2.5" (the dot in English, the comma in Spanish). */
export function megabytes(bytes: number, lang: 'es' | 'en'): string {
  const text = String(Math.round((bytes / MB) * 1000) / 1000);
  return lang === 'es' ? text.replace('.', ',') : text;
}

export function draftOf(catalog: CatalogFile, lang: 'es' | 'en'): CatalogDraft {
  const policy = catalog.attachments;
  return {
    catalog: structuredClone(catalog),
    origins: catalog.allowedOrigins.join('\n'),
    attachments: {
      accepted: Boolean(policy),
      maxFiles: String(policy?.maxFiles ?? 3),
      maxMb: megabytes(policy?.maxBytes ?? 5 * MB, lang),
      types: policy ? [...policy.types] : [...ATTACHMENT_TYPES],
      ...(policy?.quotaBytes !== undefined ? { quotaBytes: policy.quotaBytes } : {}),
    },
    savedServiceIds: catalog.services.map((service) => service.id),
  };
}

/** A number as typed; anything else (empty, "diez") is NaN, which the schema refuses as a number. */
const typedNumber = (text: string) =>
  /^\s*\d+([.,]\d+)?\s*$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;

/** The catalog file the draft stands for, as it will be checked and sent. */
export function candidateOf(draft: CatalogDraft): CatalogFile {
  const { attachments: a } = draft;
  const { attachments: _, ...rest } = draft.catalog;
  return {
    ...rest,
    allowedOrigins: draft.origins.split(/\s+/).filter(Boolean),
    ...(a.accepted
      ? {
          attachments: {
            maxFiles: typedNumber(a.maxFiles),
            maxBytes: Math.round(typedNumber(a.maxMb) * MB),
            // In the order the contract lists them, whatever order they were ticked in.
            types: ATTACHMENT_TYPES.filter((type) => a.types.includes(type)),
            ...(a.quotaBytes !== undefined ? { quotaBytes: a.quotaBytes } : {}),
          },
        }
      : {}),
  };
}

/** The catalog schema's issues of the draft, with their dotted paths; none: it may be sent. */
export function checkDraft(draft: CatalogDraft): { path: string; message: string }[] {
  const parsed = v.safeParse(CatalogFileSchema, candidateOf(draft));
  if (parsed.success) return [];
  return parsed.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }));
}

/** A service to be filled in: offering every request type until the admin says otherwise. */
export function newService(catalog: CatalogFile): CatalogFile['services'][number] {
  return {
    id: '',
    name: { es: '', en: '' },
    description: { es: '', en: '' },
    requestTypes: catalog.requestTypes.map((type) => type.code),
  };
}
