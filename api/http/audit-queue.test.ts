import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../../test/support/services.ts';

let t: TestServices;
beforeAll(async () => {
  t = await startTestServices();
});
afterAll(() => t.close());

it('writes the entries queued in one turn as one job, and flush waits for them', async () => {
  const before = t.deps.db.writer.stats;
  const jobsBefore = before.jobs;
  const entries = Array.from({ length: 50 }, (_, i) => ({
    at: '2026-11-24T15:04:05Z',
    institution: 'MDT',
    actor: 'account:1',
    action: 'request.read',
    ticket: `MDT-QUE-2026-${String(i).padStart(5, '0')}`,
  }));
  const settled = entries.map((entry) => t.deps.audit.record(entry));
  await t.deps.audit.flush();
  await Promise.all(settled);
  expect(t.deps.db.writer.stats.jobs - jobsBefore).toBe(1);
  const { rows } = await t.deps.db.read.execute(
    "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'request.read'",
  );
  expect(Number(rows[0]?.n)).toBe(50);
});
