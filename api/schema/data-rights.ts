import * as v from 'valibot';
import { LIMITS } from './constants.ts';
import { compactDocumentNumber } from './documents.ts';
import { plainText } from './text.ts';

/** `POST /institutions/{code}/requests/{ticket}/anonymization`: why the personal data is erased. */
export const AnonymizationSchema = v.object({
  /** Kept in the anonymisation event (staff only): the citizen's request, a court order, … */
  reason: plainText(1000),
});

/** `POST /institutions/{code}/citizen-data`: a citizen's identity document (in the body, never a URL). */
export const CitizenDataQuerySchema = v.object({
  documentType: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  documentNumber: v.pipe(
    plainText(LIMITS.documentNumber),
    v.transform(compactDocumentNumber),
    v.minLength(1),
  ),
});
