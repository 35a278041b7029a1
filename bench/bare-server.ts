import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// The ceiling each scenario is compared with: the smallest Hono JSON endpoint on this machine.
const app = new Hono().get('/', (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' });
