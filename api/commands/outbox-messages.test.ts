import { afterEach, describe, expect, it } from 'vitest';
import { filingInput } from '../../test/support/filing-input.ts';
import { startTestServices, type TestServices } from '../../test/support/services.ts';

let services: TestServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

const webhookMessages = async (t: TestServices) =>
  Number(
    (await t.deps.db.read.execute("SELECT count(*) AS n FROM outbox WHERE channel = 'webhook'")).rows[0]?.n,
  );

describe('outbox recipients, read once per write transaction', () => {
  it('sees a webhook added earlier in the same batch, and one removed', async () => {
    services = await startTestServices();
    const t = services;
    const { writer } = t.deps.db;
    const before = writer.stats.batches;
    const a = await filingInput(t, 'AAAA-1111');
    const b = await filingInput(t, 'BBBB-2222');
    const c = await filingInput(t, 'CCCC-3333');
    const d = await filingInput(t, 'DDDD-4444');
    // Queued synchronously: they go to the write thread together, one batch, one transaction.
    const [first, , second] = await Promise.all([
      writer.run('fileRequest', a),
      writer.run('statements', [
        {
          sql: 'INSERT INTO webhooks (institution, url, secret, created_at) VALUES (?, ?, ?, ?)',
          args: ['MDT', 'http://127.0.0.1:9/hook', 'secret', '2026-11-24T15:04:05Z'],
        },
      ]),
      writer.run('fileRequest', b),
    ]);
    expect(writer.stats.batches - before).toBe(1);
    expect('response' in first && 'response' in second).toBe(true);
    // Only the filing after the webhook was added is told to it.
    expect(await webhookMessages(t)).toBe(1);

    const batches = writer.stats.batches;
    await Promise.all([
      writer.run('fileRequest', c),
      writer.run('statements', ['UPDATE webhooks SET revoked_at = created_at']),
      writer.run('fileRequest', d),
    ]);
    expect(writer.stats.batches - batches).toBe(1);
    expect(await webhookMessages(t)).toBe(2);
  });
});
