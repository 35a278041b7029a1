/**
 * The roles of CONTRACT §7 and what each may do. Pure rules: the staff-auth middleware and the
 * routes ask these, so the answer to "may this person do this" lives in one place.
 */
export const ROLES = ['platform_admin', 'institution_admin', 'supervisor', 'agent', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const INSTITUTION_ROLES = ['institution_admin', 'supervisor', 'agent', 'auditor'] as const;

/**
 * Who is asking, however they proved it: a session of an account, or an integration's bearer token.
 * `units` null: every request of the institution; otherwise only the requests of those units.
 */
export interface Principal {
  kind: 'session' | 'token';
  /** The account's or the token's id. */
  id: number;
  /** What the audit log and the request events record: `account:<id>` or `staff:<token id>`. */
  actor: string;
  institution: string | null;
  role: Role | 'integration';
  units: number[] | null;
  readOnly: boolean;
}

/** Admins must have a second factor (demo accounts excepted, CONTRACT §7). */
export function needsSecondFactor(role: Role): boolean {
  return role === 'institution_admin' || role === 'platform_admin';
}

/** Whether the principal may see a request routed to `unitId` (null: not routed to any unit). */
export function canSeeUnit(principal: Principal, unitId: number | null): boolean {
  if (principal.units === null) return true;
  return unitId !== null && principal.units.includes(unitId);
}

/** The units a role is limited to: agents to their own; everyone else of the institution sees all. */
export function visibleUnits(role: Principal['role'], own: number[]): number[] | null {
  return role === 'agent' ? own : null;
}

/** Institution admins manage people, units, routing, tokens. */
export function canManage(principal: Principal): boolean {
  return principal.role === 'institution_admin';
}

/** Supervisors (and admins) reassign requests and see everything of the institution. */
export function canAssign(principal: Principal): boolean {
  return (
    principal.role === 'institution_admin' ||
    principal.role === 'supervisor' ||
    principal.role === 'integration'
  );
}

export function canReadAudit(principal: Principal): boolean {
  return principal.role === 'institution_admin' || principal.role === 'auditor';
}

/** Sign-in lockout: this many failures for one email in a row lock it for LOCK_SECONDS. */
export const MAX_FAILURES = 10;
export const LOCK_SECONDS = 15 * 60;
/** Sessions: idle for this long, or this old, and they end. */
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 3600;
/** One-time links: invitations and setup links, and password resets. */
export const INVITATION_SECONDS = 7 * 24 * 3600;
export const RESET_SECONDS = 3600;
