import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import {
  AcceptInvitationSchema,
  AccountPatchSchema,
  AssignmentSchema,
  InvitationSchema,
  PasswordResetCompleteSchema,
  PasswordResetSchema,
  PlatformInstitutionSchema,
  PlatformInvitationSchema,
  RoutingSchema,
  SignInSchema,
  TokenSchema,
  TotpCodeSchema,
  UnitPatchSchema,
  UnitSchema,
} from '../schema/people.ts';
import { WebhookSchema } from '../schema/webhooks.ts';
import { ERROR_STATUS } from './errors.ts';

// What the OpenAPI entries of sign-in and the people of an institution share: their request
// bodies (the contract's schemas) and the helpers that build each entry alike. The paths are in
// openapi-people-*.ts by job; openapi-people.ts merges them into the document.

export const schema = (s: v.GenericSchema) =>
  toJsonSchema(s, { errorMode: 'ignore', target: 'draft-2020-12' });

export const PEOPLE_SCHEMAS = {
  SignIn: SignInSchema,
  TotpCode: TotpCodeSchema,
  Invitation: InvitationSchema,
  AcceptInvitation: AcceptInvitationSchema,
  PasswordReset: PasswordResetSchema,
  PasswordResetComplete: PasswordResetCompleteSchema,
  AccountPatch: AccountPatchSchema,
  Unit: UnitSchema,
  UnitPatch: UnitPatchSchema,
  Routing: RoutingSchema,
  Assignment: AssignmentSchema,
  Token: TokenSchema,
  PlatformInstitution: PlatformInstitutionSchema,
  PlatformInvitation: PlatformInvitationSchema,
  WebhookRegistration: WebhookSchema,
} as const;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const body = (name: keyof typeof PEOPLE_SCHEMAS) => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
});
export const ok = (description: string, name?: string) => ({
  description,
  ...(name ? { content: { 'application/json': { schema: ref(name) } } } : {}),
});
export const errors = (...codes: (keyof typeof ERROR_STATUS)[]) => {
  const byStatus: Record<string, string[]> = {};
  for (const code of codes) {
    const status = String(ERROR_STATUS[code]);
    byStatus[status] = [...(byStatus[status] ?? []), code];
  }
  return Object.fromEntries(
    Object.entries(byStatus).map(([status, list]) => [status, ok(list.join(', '), 'Error')]),
  );
};
export const param = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
export const code = param('code', 'Institution code');
export const session = [{ sessionCookie: [] }];
export const staff = [{ staffToken: [] }, { sessionCookie: [] }];
export const staffErrors = ['unauthorized', 'second_factor_required', 'csrf_failed', 'forbidden'] as const;
