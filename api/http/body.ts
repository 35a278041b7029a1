import type { Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env.ts';
import { readJson } from '../middleware/json-body/index.ts';
import { translateIssues } from '../schema/messages.ts';
import { ApiError } from './errors.ts';

/** The JSON body (read by the jsonBody middleware) checked against a schema, or 400 validation_failed. */
export function bodyOf<S extends v.GenericSchema>(c: Context<AppEnv>, schema: S): v.InferOutput<S> {
  const parsed = v.safeParse(schema, readJson(c));
  if (!parsed.success)
    throw new ApiError('validation_failed', { issues: translateIssues(parsed.issues, c.get('locale')) });
  return parsed.output as v.InferOutput<S>;
}
