import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { freePort } from './ports.ts';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Stops it with a signal and waits for the exit; SIGKILL simulates a crash. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `api/server.ts` as a separate Node process on a free port and waits until it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  // A known port rather than PORT=0: the server's public URL (its links, its own origin) needs it.
  const port = String(await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    env: { ...process.env, PORT: port, LOG_LEVEL: 'info', RATE_LIMIT: 'off', CAPTCHA: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          stop(signal = 'SIGTERM') {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}
