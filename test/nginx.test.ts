import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/ports.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { tempDatabaseUrl } from './support/services.ts';

// Debian's nginx (scripts/ensure-nginx.sh) in front of a real server process, on loopback, with
// the exact setting docs/operations.md gives: proxy_add_x_forwarded_for and TRUST_PROXY=1.
const NGINX = process.env.NGINX_PATH ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');

let server: ServerProcess;
let nginx: ChildProcess;
let proxyUrl: string;
const database = tempDatabaseUrl();
const dir = mkdtempSync(join(tmpdir(), 'cc-nginx-'));

beforeAll(async () => {
  server = await startServerProcess({ DATABASE_URL: database.url, RATE_LIMIT: 'on', TRUST_PROXY: '1' });
  const port = await freePort();
  const upstream = new URL(server.url);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://${upstream.host};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
  );
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  proxyUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${proxyUrl}/api/v1/institutions`)).ok) break;
    } catch {
      if (i > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}, 60_000);

afterAll(async () => {
  nginx?.kill('SIGTERM');
  await server?.stop();
  database.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const wrongLookup = (base: string, forwardedFor?: string) =>
  fetch(`${base}/api/v1/requests/MDT-QUE-2026-99999`, {
    headers: {
      'X-Tracking-Code': 'AAAA-AAAA-AAAA',
      ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
    },
  });

describe('behind nginx with TRUST_PROXY=1', () => {
  it('counts the address nginx saw, whatever X-Forwarded-For the client sends', async () => {
    const statuses: number[] = [];
    // Ten wrong guesses, each claiming to come from somewhere else: nginx appends the real address.
    for (let i = 0; i < 10; i++) statuses.push((await wrongLookup(proxyUrl, `198.51.100.${i}`)).status);
    statuses.push((await wrongLookup(proxyUrl, '203.0.113.250')).status);
    statuses.push((await wrongLookup(proxyUrl)).status);
    expect(statuses).toEqual([...Array(10).fill(404), 429, 429]);
    const limited = await wrongLookup(proxyUrl, 'garbage, ::1, not-an-ip');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('answers through nginx as directly', async () => {
    const catalog = await fetch(`${proxyUrl}/api/v1/institutions/MDT`);
    expect(catalog.status).toBe(200);
    expect((await catalog.json()).code).toBe('MDT');
  });
});
