import type * as v from 'valibot';
import { isLocale, type Locale } from './constants.ts';
import { fill } from './fill.ts';
import { en } from './locales/en.ts';
import { es } from './locales/es.ts';

export { isLocale, LOCALES, type Locale } from './constants.ts';

const DICTIONARIES = { es, en } as const;

export type IssueKey = keyof typeof es.issues;
export type ErrorCode = keyof typeof es.errors;

/** One field problem in the contract's error shape: a dotted path and a sentence in the citizen's language. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Picks es or en from an Accept-Language header; Spanish is the default of the product. */
export function negotiateLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'es';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return (ranked.find((r) => isLocale(r.lang))?.lang as Locale | undefined) ?? 'es';
}

export function errorMessage(
  locale: Locale,
  code: ErrorCode,
  params?: Record<string, string | number>,
): string {
  return fill(DICTIONARIES[locale].errors[code], params);
}

export function issueMessage(
  locale: Locale,
  key: IssueKey,
  params?: Record<string, string | number>,
): string {
  return fill(DICTIONARIES[locale].issues[key], params);
}

/**
 * Turns a valibot issue into a sentence. Schemas carry our own keys as messages only where the
 * rule is ours (consent, channels, catalog rules); built-in checks are named from the issue's type,
 * so every schema stays free of translated text and the widget can reuse it as it is.
 */
export function translateIssue(issue: v.BaseIssue<unknown>, locale: Locale): FieldIssue {
  const path = (issue.path ?? []).map((item) => String(item.key)).join('.');
  const dictionary = DICTIONARIES[locale].issues;
  // Our own rules name their message by key, optionally with a number: "too_short:10".
  const [ownKey = '', ownN] = issue.message.split(':');
  if (ownKey in dictionary) {
    return { path, message: fill(dictionary[ownKey as IssueKey], { n: ownN ?? '' }) };
  }
  const n = typeof issue.requirement === 'number' ? issue.requirement : '';
  let key: IssueKey;
  switch (issue.type) {
    case 'min_length':
      key = n === 1 ? 'required' : 'too_short';
      break;
    case 'max_length':
      key = 'too_long';
      break;
    case 'max_entries':
      key = 'too_many';
      break;
    case 'picklist':
    case 'literal':
    case 'union':
    case 'variant':
      key = issue.received === 'undefined' ? 'required' : 'invalid_option';
      break;
    case 'email':
      key = 'invalid_email';
      break;
    case 'regex':
      key = 'invalid_format';
      break;
    default:
      key = issue.received === 'undefined' ? 'required' : 'invalid_type';
  }
  return { path, message: fill(dictionary[key], { n }) };
}

export function translateIssues(issues: readonly v.BaseIssue<unknown>[], locale: Locale): FieldIssue[] {
  return issues.map((issue) => translateIssue(issue, locale));
}
