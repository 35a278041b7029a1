/**
 * Plain values of the contract, free of valibot and of the message dictionaries, so the widget's
 * first chunk can use them without pulling in the validation code.
 */

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === 'es' || value === 'en';
}

export const LIMITS = {
  subject: 150,
  description: 5000,
  name: 80,
  email: 254,
  phone: 25,
  documentNumber: 30,
  captcha: 20_000,
  /** The whole JSON body, in bytes. */
  body: 64 * 1024,
} as const;

export const RESPONSE_CHANNELS = ['email', 'phone'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/** Groups that the law gives priority attention (Ecuador's Constitution art. 35; similar rules in CO and PE). */
export const PREFERENTIAL_GROUPS = [
  'older_adult',
  'disability',
  'pregnancy',
  'child_or_adolescent',
  'catastrophic_illness',
  'violence_victim',
] as const;
