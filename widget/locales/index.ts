import type { Locale } from '#schema';
import { en } from './en.ts';
import { es } from './es.ts';

export type Texts = typeof en;
const TEXTS: Record<Locale, Texts> = { es, en };

export function texts(locale: Locale): Texts {
  return TEXTS[locale];
}

/** A YYYY-MM-DD legal date written out in the citizen's language, e.g. "martes, 15 de diciembre de 2026". */
export function formatDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es' : 'en-GB', {
    dateStyle: 'full',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}
