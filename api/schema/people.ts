import * as v from 'valibot';
import { OriginSchema } from './catalog.ts';

/** Wire shapes of sign-in, accounts, units, routing, tokens and the audit log (issue 19, CONTRACT §7). */

export const ROLE_NAMES = ['platform_admin', 'institution_admin', 'supervisor', 'agent', 'auditor'] as const;
export const INSTITUTION_ROLE_NAMES = ['institution_admin', 'supervisor', 'agent', 'auditor'] as const;

const email = v.pipe(v.string(), v.trim(), v.maxLength(254), v.email());
const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));
/** Long enough to resist guessing; the maximum bounds the hash's work. */
const password = v.pipe(v.string(), v.minLength(12, 'too_short'), v.maxLength(200));
const id = v.pipe(v.number(), v.integer(), v.minValue(1));

export const SignInSchema = v.object({
  email: v.pipe(v.string(), v.maxLength(254)),
  password: v.pipe(v.string(), v.maxLength(200)),
  totp: v.optional(v.pipe(v.string(), v.maxLength(10))),
});

export const TotpCodeSchema = v.object({ code: v.pipe(v.string(), v.maxLength(10)) });

export const InvitationSchema = v.object({
  email,
  name,
  role: v.picklist(INSTITUTION_ROLE_NAMES),
  units: v.optional(v.array(id), []),
  locale: v.optional(v.picklist(['es', 'en']), 'es'),
});

export const AcceptInvitationSchema = v.object({
  token: v.pipe(v.string(), v.minLength(10), v.maxLength(100)),
  password,
  name: v.optional(name),
});

export const PasswordResetSchema = v.object({ email: v.pipe(v.string(), v.maxLength(254)) });
export const PasswordResetCompleteSchema = v.object({
  token: v.pipe(v.string(), v.minLength(10), v.maxLength(100)),
  password,
});

export const AccountPatchSchema = v.object({
  role: v.optional(v.picklist(INSTITUTION_ROLE_NAMES)),
  units: v.optional(v.array(id)),
  name: v.optional(name),
  disabled: v.optional(v.boolean()),
});

export const UnitSchema = v.object({ name, parentId: v.optional(v.nullable(id), null) });
export const UnitPatchSchema = v.object({ name: v.optional(name), parentId: v.optional(v.nullable(id)) });

export const RoutingSchema = v.record(v.pipe(v.string(), v.maxLength(64)), id);

export const AssignmentSchema = v.object({
  unitId: v.optional(v.nullable(id)),
  accountId: v.optional(v.nullable(id)),
});

export const TokenSchema = v.object({
  name,
  readOnly: v.optional(v.boolean(), false),
  /** ISO date (UTC) through which the token works; absent: until revoked. */
  expiresAt: v.optional(v.pipe(v.string(), v.isoDate())),
});

export const PlatformInstitutionSchema = v.object({
  code: v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9]{1,9}$/)),
  name,
  country: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)),
  timezone: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  admin: v.object({ email, name, locale: v.optional(v.picklist(['es', 'en']), 'es') }),
  /** The institution's website origins, beside the platform's own (the widget files from them). */
  allowedOrigins: v.optional(v.pipe(v.array(OriginSchema), v.maxLength(20)), []),
});

export const PlatformInvitationSchema = v.object({
  email,
  name,
  locale: v.optional(v.picklist(['es', 'en']), 'es'),
});

export const AuditQuerySchema = v.object({
  from: v.optional(v.pipe(v.string(), v.maxLength(30))),
  to: v.optional(v.pipe(v.string(), v.maxLength(30))),
  actor: v.optional(v.pipe(v.string(), v.maxLength(40))),
  ticket: v.optional(v.pipe(v.string(), v.maxLength(40))),
  format: v.optional(v.picklist(['json', 'csv'])),
});

export interface SessionAccount {
  id: number;
  email: string;
  name: string;
  role: (typeof ROLE_NAMES)[number];
  institution: string | null;
  units: { id: number; name: string }[];
  locale: string;
  totpEnabled: boolean;
  /** Passkeys registered (WebAuthn). */
  passkeys: number;
}

export interface SessionView {
  account: SessionAccount;
  csrfToken: string;
  expiresAt: string;
  /** An admin without a second factor: until one is enrolled, only the enrolment works. */
  enrolRequired: boolean;
}
