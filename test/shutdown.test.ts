import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { valid } from './fixtures/requests.ts';
import { startServerProcess } from './support/server-process.ts';
import { tempDatabaseUrl } from './support/services.ts';

interface Answer {
  status: number;
  connection: string | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A filing on `agent` whose body arrives in two halves: between them, the request is in flight on
 * the server. `halfSent` is called after the first half; the second waits for `hold`.
 */
function slowFiling(url: URL, agent: Agent, hold: () => Promise<unknown>, halfSent: () => void) {
  const body = JSON.stringify(valid.mdtComplaint.body);
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half), () => {
      halfSent();
      void hold().then(() => req.end(body.slice(half)));
    });
  });
}

const database = tempDatabaseUrl();
afterEach(() => database.cleanup());

describe('graceful shutdown', () => {
  it('drains busy keep-alive connections: answers with Connection: close, exit 0 well within the deadline', async () => {
    const server = await startServerProcess({ DATABASE_URL: database.url });
    const url = new URL('/api/v1/institutions/MDT/requests', server.url);
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });

    // Four citizens' browsers, each keeping its connection busy: a filing whose body is still
    // arriving, then, 100 ms after each answer, the next one on the same connection. The first
    // round waits at half its body until the server has the signal.
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    let halfway = 0;
    const answers: Answer[][] = [[], [], [], []];
    const clients = answers.map(async (mine, i) => {
      for (let round = 0; ; round++) {
        try {
          const hold = round === 0 ? () => gate : () => sleep(50);
          mine.push(await slowFiling(url, agent, hold, () => halfway++));
        } catch {
          return; // refused or closed: the server has gone, as it should once it stopped
        }
        await sleep(100 + i);
      }
    });
    while (halfway < 4) await sleep(10);
    // Long enough for the server to have read their heads even on a busy machine: a connection
    // whose request the server has not begun to read is idle, and rightly closed at the signal.
    await sleep(500);

    const started = performance.now();
    const exited = server.stop('SIGTERM');
    await sleep(300);
    openGate();
    const code = await exited;
    const took = performance.now() - started;
    await Promise.all(clients);
    agent.destroy();

    expect({ code, fast: took < 5_000 }).toEqual({ code: 0, fast: true });
    for (const mine of answers) {
      // The request in flight at the signal was answered (its filing committed), and told to close.
      expect(mine[0]).toEqual({ status: 201, connection: 'close' });
      expect(mine).toHaveLength(1);
    }
  }, 40_000);
});
