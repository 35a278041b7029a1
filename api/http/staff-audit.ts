import type { AuditEntry } from '../commands/people-audit.ts';
import { type Clock, isoSeconds } from '../domain/clock.ts';
import type { AuditQueue } from './audit-queue.ts';

/** What a staff route's context knows of who acts and from where (a session's or a token's principal). */
export interface StaffAuditContext {
  get(key: 'staff'): { actor: string };
  get(key: 'clientIp'): string;
}

/**
 * The one way a staff route writes its audit entries (CONTRACT §7: who, when, what, from where):
 * the actor from the principal, the time from the clock, the address from the client, so no route
 * builds the entry by hand. An action awaits what this returns; a read may leave it running.
 */
export function staffAudit(audit: AuditQueue, now: Clock) {
  return (
    c: StaffAuditContext,
    institution: string,
    action: string,
    more: Pick<AuditEntry, 'ticket' | 'target' | 'detail'> = {},
  ): Promise<void> => audit.record(staffAuditEntry(c, now, institution, action, more));
}

/** The entry itself, for a write job that appends it in its own commit (an assignment). */
export function staffAuditEntry(
  c: StaffAuditContext,
  now: Clock,
  institution: string,
  action: string,
  more: Pick<AuditEntry, 'ticket' | 'target' | 'detail'> = {},
): AuditEntry {
  return {
    at: isoSeconds(now()),
    institution,
    actor: c.get('staff').actor,
    action,
    ip: c.get('clientIp'),
    ...more,
  };
}
