import type * as v from 'valibot';
import { isLocale, type Locale } from './constants.ts';
import type { DocumentFormat } from './documents.ts';
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

/** The kind of failure a valibot issue of the schema's built-in checks is. */
function builtInKind(issue: v.BaseIssue<unknown>): IssueKey {
  const missing = issue.received === 'undefined';
  switch (issue.type) {
    case 'min_length':
      return issue.requirement === 1 ? 'required' : 'too_short';
    case 'max_length':
      return Array.isArray(issue.input) ? 'too_many' : 'too_long';
    case 'max_entries':
      return 'too_many';
    case 'min_value':
      return 'too_small';
    case 'max_value':
      return 'too_large';
    case 'picklist':
    case 'literal':
    case 'union':
    case 'variant':
      return missing ? 'required' : 'invalid_option';
    case 'email':
      return 'invalid_email';
    case 'regex':
      return 'invalid_format';
    case 'iso_date':
      return 'invalid_date';
    case 'check':
    case 'partial_check':
    case 'raw_check':
      return 'invalid_value';
    default:
      return missing ? 'required' : 'invalid_type';
  }
}

/** The dictionary's field for a path: items of a list are their list (citizen.preferentialAttention.2). */
export function fieldOfPath(path: string): string {
  return path
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .join('.');
}

/** Which failure an issue is: one of our rules, named by its key (with its parameter), or a built-in check. */
export function issueKind(issue: v.BaseIssue<unknown>): { kind: IssueKey; param?: string } {
  const [key = '', param] = issue.message.split(':');
  if (!Object.hasOwn(es.issues, key)) return { kind: builtInKind(issue) };
  return param === undefined ? { kind: key as IssueKey } : { kind: key as IssueKey, param };
}

/**
 * Turns a valibot issue into a sentence that names its field and says what to do. Schemas carry
 * our own keys as messages where the rule is ours (consent, channels, catalog rules), optionally
 * with a parameter ("description_needs_facts:100", "invalid_document_number:ec-cedula"); built-in
 * checks are named from the issue's type. A field's own words come first, then the template of
 * the failure with the field's name, so every schema stays free of translated text and the widget
 * shows exactly what the API answers.
 */
export function translateIssue(issue: v.BaseIssue<unknown>, locale: Locale): FieldIssue {
  const path = (issue.path ?? []).map((item) => String(item.key)).join('.');
  const dictionary = DICTIONARIES[locale];
  const field: Partial<Record<IssueKey, string>> & { name: string } = dictionary.fields[
    fieldOfPath(path) as keyof typeof dictionary.fields
  ] ?? { name: path };
  const { kind, param } = issueKind(issue);
  const n = param ?? (typeof issue.requirement === 'number' ? issue.requirement : '');
  const rule = dictionary.documents[param as DocumentFormat] ?? '';
  const template = field[kind] ?? dictionary.issues[kind];
  return { path, message: fill(template, { field: field.name, n, rule }) };
}

export function translateIssues(issues: readonly v.BaseIssue<unknown>[], locale: Locale): FieldIssue[] {
  return issues.map((issue) => translateIssue(issue, locale));
}
