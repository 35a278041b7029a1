import { spawn } from 'node:child_process';
import { freePort } from '../test/support/ports.ts';

export interface Started {
  url: string;
  pid: number;
  stop(): void;
}

/**
 * Starts a server process of the checkout at `cwd` (this one by default) on a free port, logging
 * only warnings (logging every request would cost), and waits until it answers.
 */
export async function startServer(
  args: string[],
  env: Record<string, string>,
  cwd = process.cwd(),
): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid as number, stop: () => child.kill('SIGTERM') };
}
