import { ApiProblem, call, setCsrfToken } from './api.ts';

export type Role = 'platform_admin' | 'institution_admin' | 'supervisor' | 'agent' | 'auditor';

/** `GET /api/v1/session`'s account, as agreed with the people branch (docs/backoffice.md). */
export interface Account {
  id: string | number;
  email: string;
  name: string;
  role: Role;
  /** The institution's code; null for platform accounts. */
  institution: string | null;
  units: { id: string | number; name: string }[];
  locale: string;
  totpEnabled: boolean;
}

export interface Session {
  account: Account;
  csrfToken: string;
  expiresAt: string;
  /** The role needs a second factor the account has not set up yet: only enrolment is open. */
  enrolRequired?: boolean;
}

/** The current session, or null when nobody is signed in. */
export async function loadSession(): Promise<Session | null> {
  try {
    const session = await call<Session>('/api/v1/session', { anonymous: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 401 || error.status === 404)) return null;
    throw error;
  }
}

export async function signIn(email: string, password: string, totp?: string): Promise<Session> {
  const session = await call<Session>('/api/v1/session', {
    method: 'POST',
    body: { email, password, ...(totp ? { totp } : {}) },
    anonymous: true,
  });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(everywhere = false): Promise<void> {
  try {
    await call(everywhere ? '/api/v1/session/sign-out-everywhere' : '/api/v1/session', {
      method: everywhere ? 'POST' : 'DELETE',
      anonymous: true,
    });
  } finally {
    setCsrfToken(null);
  }
}

/** Roles that see every request of the institution and its reports. */
export const SUPERVISING: readonly Role[] = ['supervisor', 'institution_admin', 'platform_admin'];
/** Roles that may act on requests (the auditor only reads). */
export const ACTING: readonly Role[] = ['agent', 'supervisor', 'institution_admin'];
