// Loaded on the citizen's first interaction with the form, not with the page: valibot, the shared
// filing schema and the identity-document checks are needed only when they press Continue.
import * as v from 'valibot';
import type { Catalog } from '#schema';
import { createFilingSchema, type FilingInput, type Locale, translateIssues } from '#schema';

const schemas = new WeakMap<Catalog, ReturnType<typeof createFilingSchema>>();

/** Problems of the filing, keyed by path, in the citizen's language: the API's own rules and words. */
export function validateFiling(
  catalog: Catalog,
  filing: FilingInput,
  locale: Locale,
): Record<string, string> {
  let schema = schemas.get(catalog);
  if (!schema) {
    schema = createFilingSchema(catalog);
    schemas.set(catalog, schema);
  }
  const result = v.safeParse(schema, filing);
  const errors: Record<string, string> = {};
  if (!result.success) {
    for (const issue of translateIssues(result.issues, locale)) errors[issue.path] ??= issue.message;
  }
  return errors;
}
