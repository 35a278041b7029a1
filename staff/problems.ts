import { ApiProblem } from './api.ts';
import { t } from './locales/index.ts';

/**
 * What to tell the person about a failed call: the server's own message (it follows the request's
 * language) or, with no answer at all, the network's.
 */
export function describeProblem(error: unknown): string {
  if (error instanceof ApiProblem) {
    if (error.status === 0) return t('networkError');
    if (error.message) return error.message;
  }
  return t('unexpectedError');
}

/** The API's field issues as errors of the form's fields, by the last part of the path. */
export function issuesByField(error: unknown, fields: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!(error instanceof ApiProblem)) return errors;
  for (const issue of error.issues) {
    const name = issue.path.split('.').at(-1) ?? '';
    if (fields.includes(name) && !errors[name]) errors[name] = issue.message;
  }
  return errors;
}
