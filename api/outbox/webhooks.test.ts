import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from '../../test/fixtures/requests.ts';
import { startTestServices } from '../../test/support/services.ts';
import { refusal, resolvePublicAddress } from '../http/address-guard.ts';
import { post } from '../http/post.ts';
import { checkWebhookUrl, postWebhook, WEBHOOK_ANSWER_MAX_BYTES } from './webhooks.ts';

// Issue 15, item 7: webhook URLs may not reach private, link-local or (in production) loopback
// addresses, checked after DNS resolution at registration and at delivery; no redirects; the
// answer is read up to a few KB.

const servers: Server[] = [];
let hits = 0;
let base = '';
beforeAll(async () => {
  const server = createServer((req, res) => {
    hits++;
    req.resume();
    if (req.url === '/redirect') {
      res.writeHead(307, { Location: `${base}/ok` }).end();
    } else if (req.url === '/huge') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      // Endless: the client must stop reading, not wait for the end.
      const pump = () => {
        while (res.write(chunk)) {}
        res.once('drain', pump);
      };
      pump();
      res.on('close', () => res.removeAllListeners('drain'));
    } else {
      res.writeHead(204).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  servers.push(server);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

describe('webhook addresses', () => {
  it('refuses private, link-local, unique-local, multicast and unspecified addresses, mapped ones too', () => {
    for (const address of [
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'ff02::1',
      '::ffff:10.0.0.1',
      '::ffff:a9fe:a9fe',
    ]) {
      expect(refusal(address, { allowLoopback: true }), address).not.toBeNull();
    }
    for (const address of ['8.8.8.8', '190.152.1.1', '2800:370::1']) {
      expect(refusal(address, { allowLoopback: false }), address).toBeNull();
    }
  });

  it('allows loopback only when told', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(refusal(address, { allowLoopback: false }), address).toMatch(/loopback/);
      expect(refusal(address, { allowLoopback: true }), address).toBeNull();
    }
  });

  it('checks where a name resolves, not what it looks like', async () => {
    await expect(resolvePublicAddress('localhost', { allowLoopback: false })).rejects.toThrow(/loopback/);
    await expect(resolvePublicAddress('localhost', { allowLoopback: true })).resolves.toMatchObject({
      address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
    });
    await expect(resolvePublicAddress('no-such-host.invalid', { allowLoopback: true })).rejects.toThrow(
      /does not resolve/,
    );
  });

  it('refuses at registration a URL whose host is not public', async () => {
    expect(
      await checkWebhookUrl('https://169.254.169.254/latest/meta-data', { allowLoopback: true }),
    ).toMatch(/not a public address/);
    expect(await checkWebhookUrl('https://[fd00::1]/hook', { allowLoopback: true })).toMatch(/not a public/);
    expect(await checkWebhookUrl('https://localhost/hook', { allowLoopback: false })).toMatch(/loopback/);
    expect(await checkWebhookUrl(`${base}/hook`, { allowLoopback: false })).toMatch(/must be https/);
    expect(await checkWebhookUrl(`${base}/hook`, { allowLoopback: true })).toBeNull();
  });
});

describe('webhook delivery', () => {
  it('does not follow a redirect', async () => {
    hits = 0;
    await expect(postWebhook(`${base}/redirect`, '{}', {}, 2000, { allowLoopback: true })).rejects.toThrow(
      'webhook answered 307',
    );
    expect(hits).toBe(1);
  });

  it('reads at most a few KB of the answer and does not wait for the rest', async () => {
    const answer = await post(`${base}/huge`, '{}', {}, 5000, {
      maxBytes: WEBHOOK_ANSWER_MAX_BYTES,
      publicOnly: { allowLoopback: true },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(WEBHOOK_ANSWER_MAX_BYTES);
  });

  it('refuses at delivery a webhook whose address is not allowed, and sends it nothing', async () => {
    const t = await startTestServices({ WEBHOOK_ALLOW_LOOPBACK: 'false' });
    try {
      // Registered before the rule (the CLI now refuses it), or a name that resolved elsewhere then.
      await t.deps.db.writer.run('statements', [
        {
          sql: `INSERT INTO webhooks (institution, url, secret, created_at) VALUES ('MDT', ?, ?, '2026-11-24T00:00:00Z')`,
          args: [`${base}/hook`, t.deps.secrets.seal('whsec_test')],
        },
        {
          sql: `INSERT INTO webhooks (institution, url, secret, created_at) VALUES ('MDT', 'https://localhost:1/hook', ?, '2026-11-24T00:00:00Z')`,
          args: [t.deps.secrets.seal('whsec_test')],
        },
      ]);
      expect((await t.file('MDT', valid.mdtComplaint.body)).status).toBe(201);
      hits = 0;
      expect(await t.dispatcher.runOnce()).toMatchObject({ sent: 0, retried: 2 });
      expect(hits).toBe(0);
      const errors = await t.deps.db.read.execute(
        `SELECT last_error FROM outbox WHERE channel = 'webhook' ORDER BY id`,
      );
      expect(errors.rows.map((r) => r.last_error)).toEqual([
        'the webhook URL is not allowed',
        expect.stringMatching(/^localhost: .*is a loopback address$/),
      ]);
    } finally {
      await t.close();
    }
  });
});
