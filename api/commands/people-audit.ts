import type { WriteTx } from '../db/types.ts';

/**
 * The append-only audit log's one write (docs/decisions/056): who did what, when, from where.
 * The audit queue (http/audit-queue.ts) batches the routes' entries into one job; the CLI and the
 * commands that audit inside their own transaction call it directly.
 */

export interface AuditEntry {
  at: string;
  institution: string | null;
  actor: string;
  action: string;
  ticket?: string | null;
  target?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown> | null;
}

/** Appends audit entries (a batch queued by the audit queue, or one action's). Never updates or deletes. */
export async function appendAudit(tx: WriteTx, entries: AuditEntry[]): Promise<number> {
  for (const e of entries) {
    await tx.execute({
      sql: `INSERT INTO audit_log (at, institution, actor, action, ticket, target, ip, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        e.at,
        e.institution,
        e.actor,
        e.action,
        e.ticket ?? null,
        e.target ?? null,
        e.ip ?? null,
        e.detail ? JSON.stringify(e.detail) : null,
      ],
    });
  }
  return entries.length;
}
