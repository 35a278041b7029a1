import type { Context } from 'hono';
import type * as v from 'valibot';
import type { AppEnv } from '../app-env.ts';
import { translateIssues } from '../schema/messages.ts';
import { ApiError } from './errors.ts';

/** The hook of every vValidator: valibot issues become 400 validation_failed, keyed by path. */
export function validationHook(
  result: { success: boolean; issues?: readonly v.BaseIssue<unknown>[] } & { target?: string },
  c: Context<AppEnv>,
): void {
  if (!result.success) {
    throw new ApiError('validation_failed', {
      issues: translateIssues(result.issues ?? [], c.get('locale')),
    });
  }
}
