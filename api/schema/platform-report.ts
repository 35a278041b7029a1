/**
 * `GET /api/v1/platform/report`: the platform's management table, as the seeds' "Gestión actual
 * sistema Contacto Ciudadano" gives it — institutions registered and pending, requests registered,
 * attended and pending with their shares, and the institutions with most requests.
 */
export interface PlatformReport {
  /** When the figures were read (the server's clock), ISO 8601. */
  at: string;
  institutions: {
    /** Institutions on the platform whose people have signed in at least once (an account with a password). */
    registered: number;
    /** Institutions created whose first admin has not yet accepted the invitation. */
    pending: number;
    total: number;
    /** registered / total, 0 when there are none. */
    registeredShare: number;
    pendingShare: number;
  };
  requests: {
    registered: number;
    /** No longer owed an answer: answered, closed, transferred or withdrawn. */
    attended: number;
    /** Still owed an answer: received, in progress or waiting for the citizen. */
    pending: number;
    attendedShare: number;
    pendingShare: number;
  };
  /** Institutions by requests registered, most first (ties by code), at most `PLATFORM_TOP`. */
  top: {
    code: string;
    name: string;
    registered: number;
    attended: number;
    pending: number;
    attendedShare: number;
  }[];
}

/** How many institutions the report's ranking lists. */
export const PLATFORM_TOP = 10;
