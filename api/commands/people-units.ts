import { num, numOrNull } from '../db/rows.ts';
import type { WriteTx } from '../db/types.ts';
import { type AuditEntry, appendAudit } from './people-audit.ts';

/**
 * The writes of an institution's units (a tree), the routing of its services to units, and the
 * assignment of a request to a unit or a person (issue 19, docs/decisions/055). Every unit named
 * must belong to the institution: `unitsBelong` is that one check.
 */

/** The first of `units` that is not the institution's, or null when all are. */
export async function unitsBelong(
  tx: WriteTx,
  institution: string | null,
  units: number[],
): Promise<number | null> {
  for (const unit of units) {
    const { rows } = await tx.execute({
      sql: 'SELECT 1 FROM units WHERE id = ? AND institution IS ?',
      args: [unit, institution],
    });
    if (rows.length === 0) return unit;
  }
  return null;
}

export async function createUnit(
  tx: WriteTx,
  input: { institution: string; name: string; parentId: number | null; at: string },
): Promise<{ id: number } | { unknownParent: true }> {
  if (input.parentId !== null && (await unitsBelong(tx, input.institution, [input.parentId])) !== null) {
    return { unknownParent: true };
  }
  const { rows } = await tx.execute({
    sql: 'INSERT INTO units (institution, parent_id, name, created_at) VALUES (?, ?, ?, ?) RETURNING id',
    args: [input.institution, input.parentId, input.name, input.at],
  });
  return { id: num(rows[0], 'id') };
}

/** Renames or moves a unit; a move under itself or one of its own descendants is refused. */
export async function updateUnit(
  tx: WriteTx,
  input: { institution: string; id: number; name?: string; parentId?: number | null },
): Promise<{ updated: true } | { notFound: true } | { unknownParent: true } | { cycle: true }> {
  if ((await unitsBelong(tx, input.institution, [input.id])) !== null) return { notFound: true };
  if (input.parentId !== undefined && input.parentId !== null) {
    if ((await unitsBelong(tx, input.institution, [input.parentId])) !== null) return { unknownParent: true };
    const { rows } = await tx.execute({
      sql: `WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id
              WHERE u.parent_id IS NOT NULL)
            SELECT 1 FROM up WHERE id = ?`,
      args: [input.parentId, input.id],
    });
    if (rows.length > 0) return { cycle: true };
  }
  await tx.execute({
    sql: `UPDATE units SET name = COALESCE(?, name),
            parent_id = CASE WHEN ? = 1 THEN ? ELSE parent_id END WHERE id = ?`,
    args: [input.name ?? null, input.parentId !== undefined ? 1 : 0, input.parentId ?? null, input.id],
  });
  return { updated: true };
}

export async function setRouting(
  tx: WriteTx,
  input: { institution: string; routes: Record<string, number> },
): Promise<{ updated: true } | { unknownUnit: number } | { unknownService: string }> {
  for (const [service, unit] of Object.entries(input.routes)) {
    const known = await tx.execute({
      sql: 'SELECT 1 FROM services WHERE institution = ? AND id = ?',
      args: [input.institution, service],
    });
    if (known.rows.length === 0) return { unknownService: service };
    const unknown = await unitsBelong(tx, input.institution, [unit]);
    if (unknown !== null) return { unknownUnit: unknown };
    await tx.execute({
      sql: `INSERT INTO service_routes (institution, service, unit_id) VALUES (?, ?, ?)
            ON CONFLICT (institution, service) DO UPDATE SET unit_id = excluded.unit_id`,
      args: [input.institution, service, unit],
    });
  }
  return { updated: true };
}

/**
 * A supervisor moves a request to another unit and/or person (of the same institution). The audit
 * entry goes in the same commit, with what the request was left with: the staff history reads the
 * assignments from the audit log (db/requests.ts), so one without the other must never be stored.
 */
export async function assignRequest(
  tx: WriteTx,
  input: {
    institution: string;
    ticket: string;
    unitId?: number | null;
    accountId?: number | null;
    at: string;
    /** The entry of who assigned it, from where; its detail is the outcome. */
    audit: Omit<AuditEntry, 'detail'>;
  },
): Promise<
  | { assigned: { unitId: number | null; accountId: number | null } }
  | { notFound: true }
  | { unknownUnit: true }
  | { unknownAccount: true }
> {
  const { rows } = await tx.execute({
    sql: 'SELECT id, unit_id, assignee_id FROM requests WHERE ticket = ? AND institution = ?',
    args: [input.ticket, input.institution],
  });
  const row = rows[0];
  if (!row) return { notFound: true };
  if (input.unitId != null && (await unitsBelong(tx, input.institution, [input.unitId])) !== null) {
    return { unknownUnit: true };
  }
  if (input.accountId != null) {
    const account = await tx.execute({
      sql: 'SELECT 1 FROM accounts WHERE id = ? AND institution = ? AND disabled_at IS NULL',
      args: [input.accountId, input.institution],
    });
    if (account.rows.length === 0) return { unknownAccount: true };
  }
  const unitId = input.unitId !== undefined ? input.unitId : numOrNull(row, 'unit_id');
  const accountId = input.accountId !== undefined ? input.accountId : numOrNull(row, 'assignee_id');
  await tx.execute({
    sql: 'UPDATE requests SET unit_id = ?, assignee_id = ?, updated_at = ? WHERE id = ?',
    args: [unitId, accountId, input.at, num(row, 'id')],
  });
  await appendAudit(tx, [{ ...input.audit, detail: { unitId, accountId } }]);
  return { assigned: { unitId, accountId } };
}
