import { afterEach, describe, expect, it } from 'vitest';
import { filingInput } from '../../test/support/filing-input.ts';
import { startTestServices, type TestServices } from '../../test/support/services.ts';
import type { FileRequestOutcome } from './file-request.ts';

let services: TestServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

const ticketOf = (outcome: FileRequestOutcome) => {
  if (!('response' in outcome)) throw new Error(`not a new filing: ${JSON.stringify(outcome)}`);
  return (JSON.parse(outcome.response) as { ticket: string }).ticket;
};

const count = async (t: TestServices, sql: string) => Number((await t.deps.db.read.execute(sql)).rows[0]?.n);

/**
 * Filings queued together reach the write thread in one message and run as one lane (one multi-row
 * insert). Each must still get what it would have got alone, one after the other.
 */
describe('filings run together in one transaction', () => {
  it('numbers each type on from its own last sequence, in the order queued', async () => {
    services = await startTestServices();
    const t = services;
    const { writer } = t.deps.db;
    await writer.run('fileRequest', await filingInput(t, 'AAAA-0000', { type: 'SUG' }));
    const before = writer.stats.batches;
    const types = ['QUE', 'SUG', 'QUE', 'SUG', 'SUG', 'QUE'];
    const inputs = await Promise.all(types.map((type, i) => filingInput(t, `CODE-${i}`, { type })));
    const outcomes = await Promise.all(inputs.map((input) => writer.run('fileRequest', input)));
    expect(writer.stats.batches - before).toBe(1);
    expect(outcomes.map(ticketOf)).toEqual([
      'MDT-QUE-2026-00001',
      'MDT-SUG-2026-00002',
      'MDT-QUE-2026-00002',
      'MDT-SUG-2026-00003',
      'MDT-SUG-2026-00004',
      'MDT-QUE-2026-00003',
    ]);
    // Each row is its own filing, with its first event and its tracking hash.
    const rows = await t.deps.db.read.execute(
      `SELECT r.ticket, r.tracking_hash, (SELECT count(*) FROM request_events e WHERE e.request_id = r.id) AS events
       FROM requests r ORDER BY r.id`,
    );
    expect(rows.rows.map((r) => [r.ticket, r.tracking_hash, Number(r.events)])).toEqual([
      ['MDT-SUG-2026-00001', 'hash-AAAA-0000', 1],
      ...outcomes.map((outcome, i) => [ticketOf(outcome), `hash-CODE-${i}`, 1]),
    ]);
  });

  it('replays a key used earlier in the same batch, and refuses it with another body', async () => {
    services = await startTestServices();
    const t = services;
    const keyed = async (code: string, bodyHash: string, key = 'same-key') => ({
      ...(await filingInput(t, code)),
      idempotency: { key, bodyHash },
    });
    const inputs = [
      await keyed('A', 'h1'),
      await keyed('B', 'h1'),
      await keyed('C', 'h2'),
      await keyed('D', 'h1', 'other'),
    ];
    const [first, retry, changed, other] = await Promise.all(
      inputs.map((input) => t.deps.db.writer.run('fileRequest', input)),
    );
    expect(ticketOf(first as FileRequestOutcome)).toBe('MDT-QUE-2026-00001');
    expect(retry).toEqual({ replay: (first as { response: string }).response });
    expect(changed).toEqual({ conflict: true });
    expect(ticketOf(other as FileRequestOutcome)).toBe('MDT-QUE-2026-00002');
    expect(await count(t, 'SELECT count(*) AS n FROM requests')).toBe(2);
    // A retry in a later batch replays the stored answer, as before.
    expect(await t.deps.db.writer.run('fileRequest', await keyed('E', 'h1'))).toEqual(retry);
  });

  it('refuses a captcha spent twice in the batch to the second filing only', async () => {
    services = await startTestServices();
    const t = services;
    const spend = { id: 'challenge-1', expiresAt: Math.floor(t.deps.now().getTime() / 1000) + 600 };
    const inputs = [
      { ...(await filingInput(t, 'A')), captchaSpend: spend },
      { ...(await filingInput(t, 'B')), captchaSpend: spend },
      await filingInput(t, 'C'),
    ];
    const settled = await Promise.allSettled(
      inputs.map((input) => t.deps.db.writer.run('fileRequest', input)),
    );
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect((settled[1] as PromiseFulfilledResult<unknown>).value).toEqual({ captchaSpent: true });
    expect(await count(t, 'SELECT count(*) AS n FROM requests')).toBe(2);
    expect(await count(t, 'SELECT count(*) AS n FROM captcha_spent')).toBe(1);
  });

  it('rolls back only the filing that breaks a constraint; the others keep gapless numbers', async () => {
    services = await startTestServices();
    const t = services;
    const broken = await filingInput(t, 'B');
    broken.request.filing = { ...broken.request.filing, service: 'no-such-service' };
    const inputs = [await filingInput(t, 'A'), broken, await filingInput(t, 'C')];
    const before = t.deps.db.writer.stats.batches;
    const settled = await Promise.allSettled(
      inputs.map((input) => t.deps.db.writer.run('fileRequest', input)),
    );
    expect(t.deps.db.writer.stats.batches - before).toBe(1);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/i);
    const tickets = settled.flatMap((s) => (s.status === 'fulfilled' ? [ticketOf(s.value)] : []));
    expect(tickets).toEqual(['MDT-QUE-2026-00001', 'MDT-QUE-2026-00002']);
    expect(await count(t, 'SELECT count(*) AS n FROM requests')).toBe(2);
    expect(await count(t, 'SELECT count(*) AS n FROM request_events')).toBe(2);
  });
});
