import type { StatusView } from '#schema';

// What the status view adds for the life of a request (CONTRACT.md §5), as the widget reads it. All
// optional: a server without them (or an older one) still shows the status and its history.

/** Who made an event: the citizen, the institution's staff, or the system (a tacit withdrawal). */
export type EventActor = 'citizen' | 'institution' | 'system';

/** A linked request: the same tracking code opens it. `ticket` is null off the platform. */
export interface LinkedRequest {
  ticket: string | null;
  institution: string | { code: string; name: string };
}

export interface Extension {
  dueDate: string;
  reason: string;
  at: string;
}

export type LifeStatus = Omit<StatusView, 'status' | 'history'> & {
  status: StatusView['status'] | 'withdrawn';
  history: Array<Omit<StatusView['history'][number], 'status'> & { status: string; by?: EventActor }>;
  originalDueDate?: string | null;
  extensions?: Extension[];
  awaitingReply?: boolean;
  replyBy?: string | null;
  transferredTo?: LinkedRequest | null;
  transferredFrom?: LinkedRequest | null;
  rated?: boolean;
};

/** Statuses in which the citizen may still withdraw the request. */
export const WITHDRAWABLE = ['received', 'in_progress', 'needs_info'];
/** Statuses in which the answer may be rated. */
export const RATEABLE = ['answered', 'closed'];

export const institutionName = (linked: LinkedRequest): string =>
  typeof linked.institution === 'string' ? linked.institution : linked.institution.name;
