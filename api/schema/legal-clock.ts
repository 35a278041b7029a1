import * as v from 'valibot';

/**
 * An institution's settings of the legal clock (catalog file `legalClock`). They apply only to the
 * rules that its country's profile leaves to the institution (`setting: true` in the catalog's
 * `legalClock`): a rule the law fixes is not an institution's to change. See
 * api/domain/legal-clock/profiles.ts and docs/api.md#the-legal-clock.
 */
export const LegalClockSettingsSchema = v.object({
  /** What a request for information does to the term: suspend it, restart it after the reply, or nothing. */
  infoRequest: v.optional(v.picklist(['pause', 'restart', 'none'])),
  /** How long the citizen has to answer a request for information. */
  replyTerm: v.optional(
    v.object({
      amount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(90)),
      unit: v.picklist(['business_days', 'months']),
    }),
  ),
  /** Whether an unanswered request for information ends in a tacit withdrawal. */
  tacitWithdrawal: v.optional(v.boolean()),
  /** Business days before `replyBy` on which the citizen is reminded. */
  reminderDaysBefore: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30))),
  /** The longest a term may become by extensions, as a multiple of the original term (1: none). */
  extensionFactor: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(3))),
  /** Business days from receipt within which a request outside the institution's competence is transferred. */
  transferDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30))),
});
export type LegalClockSettings = v.InferOutput<typeof LegalClockSettingsSchema>;

/** One rule of the clock as the catalog publishes it: its value, the norm it comes from, and whether it is a setting. */
export interface LegalRule<T> {
  value: T;
  legalBasis: string;
  /** True where the norm does not settle it: the institution's catalog may set it (conservative default). */
  setting: boolean;
}

export interface LegalClockProfile {
  country: 'EC' | 'CO' | 'PE';
  infoRequest: LegalRule<'pause' | 'restart' | 'none'>;
  replyTerm: LegalRule<{ amount: number; unit: 'business_days' | 'months' }>;
  tacitWithdrawal: LegalRule<boolean>;
  reminderDaysBefore: LegalRule<number>;
  extensionFactor: LegalRule<number>;
  transferDays: LegalRule<number>;
}
