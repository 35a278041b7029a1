import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Load from wrk (C, one epoll thread), not from a load generator in Node. The load generator runs
 * on the same cores as the server: autocannon spent a sizeable share of what a filing costs the
 * server in CPU per request, and took it from the server's write thread. wrk spends a fraction of
 * that, so the figures say more about the server. scripts/ensure-wrk.sh installs it.
 */

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection, read and write errors, timeouts, and answers that were neither 2xx nor 3xx. */
  errors: number;
}

const WRK = process.env.WRK_PATH ?? 'wrk';

/**
 * A Lua long string: the text as is, bytes and all, between brackets it cannot contain (counting a
 * final `]` of the text, which the closing bracket would otherwise absorb). Lua drops a newline
 * right after the opening bracket, so one is put there: a text that starts with its own is kept.
 */
function luaString(text: string): string {
  let level = '';
  while (`${text}]`.includes(`]${level}]`)) level += '=';
  return `[${level}[\n${text}]${level}]`;
}

/** The request, and a `done` that prints wrk's own figures as one line of JSON. */
function wrkScript(options: Pick<LoadOptions, 'method' | 'headers' | 'body'>): string {
  const lines = [`wrk.method = ${luaString(options.method ?? 'GET')}`];
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    lines.push(`wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`);
  }
  if (options.body !== undefined) lines.push(`wrk.body = ${luaString(options.body)}`);
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format(\'\\nWRK_RESULT {"requests":%d,"us":%d,"errors":%d,"p50":%d,"p99":%d}\\n\',',
    '    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,',
    '    latency:percentile(50), latency:percentile(99)))',
    'end',
  );
  return `${lines.join('\n')}\n`;
}

export async function wrkLoad(options: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-wrk-'));
  try {
    const script = join(dir, 'request.lua');
    writeFileSync(script, wrkScript(options));
    const args = [
      '-t1',
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      '--timeout',
      '10s',
      '-s',
      script,
      options.url,
    ];
    const output = await new Promise<string>((resolve, reject) =>
      execFile(WRK, args, { encoding: 'utf8' }, (error, stdout, stderr) =>
        error ? reject(new Error(`wrk failed: ${stderr || error.message}`)) : resolve(stdout),
      ),
    );
    const line = /WRK_RESULT (\{.*\})/.exec(output)?.[1];
    if (!line) throw new Error(`wrk printed no result:\n${output}`);
    const r = JSON.parse(line) as { requests: number; us: number; errors: number; p50: number; p99: number };
    return {
      requests: r.requests,
      rps: r.requests / (r.us / 1e6),
      p50Ms: r.p50 / 1000,
      p99Ms: r.p99 / 1000,
      errors: r.errors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
