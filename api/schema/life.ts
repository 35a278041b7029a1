import * as v from 'valibot';
import { InstitutionCodeSchema } from './catalog.ts';
import { plainText } from './text.ts';

/**
 * Bodies of the life of a request (contract §5): the citizen's reply, withdrawal and rating, and
 * the staff's extension and transfer.
 */

/** `POST /requests/{ticket}/replies`: the citizen answers a request for information. */
export const ReplySchema = v.object({
  message: plainText(10_000),
  /**
   * Uploads to attach (contract §6). Only an empty list is accepted until attachments are wired
   * in: a reply never silently drops a file the citizen meant to send.
   */
  attachments: v.optional(v.pipe(v.array(v.string()), v.maxLength(0, 'attachments_unavailable')), []),
  locale: v.optional(v.picklist(['es', 'en'])),
});
export type Reply = v.InferOutput<typeof ReplySchema>;

/** `POST /requests/{ticket}/withdrawal`. */
export const WithdrawalSchema = v.object({
  reason: v.optional(plainText(2000)),
});

/** `POST /requests/{ticket}/satisfaction`: once, after the answer. */
export const SatisfactionSchema = v.object({
  resolved: v.boolean(),
  rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  comment: v.optional(plainText(2000)),
});

/** `POST /institutions/{code}/requests/{ticket}/extensions`. */
export const ExtensionSchema = v.object({
  dueDate: v.pipe(v.string(), v.isoDate()),
  /** Told to the citizen with the new date. */
  reason: plainText(2000),
});

/** `POST /institutions/{code}/requests/{ticket}/transfer`: to an institution on the platform, or one off it. */
export const TransferSchema = v.union([
  v.object({ to: InstitutionCodeSchema, note: v.optional(plainText(10_000)) }),
  v.object({ toName: plainText(200), note: v.optional(plainText(10_000)) }),
]);
export type Transfer = v.InferOutput<typeof TransferSchema>;
