import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { AppEnv, Deps } from '../app-env.ts';
import { buildOpenApi } from '../http/openapi.ts';
import { setHeader } from '../middleware/response-headers/index.ts';

const STYLES = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}
code,pre{font-family:ui-monospace,monospace;background:#f3f3f3;padding:.1em .3em}
pre{padding:.75rem;overflow:auto}.method{font-weight:700;text-transform:uppercase;margin-right:.5rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
a{color:#0b4fa8}`;

/**
 * `/api/openapi.json` and a readable reference at `/docs`, rendered here from the same document:
 * no third-party script or CDN, so it works offline and under the strict CSP the app sends.
 */
export function docsRoutes(_deps: Deps) {
  const document = buildOpenApi();
  const body = JSON.stringify(document, null, 2);
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Record<string, unknown>>).map(([method, op]) => ({
      path,
      method,
      op,
    })),
  );
  const page = html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${document.info.title}</title>
    <link rel="stylesheet" href="/docs/docs.css" />
  </head>
  <body>
    <main>
      <h1>${document.info.title} <small>${document.info.version}</small></h1>
      <p>${document.info.description}</p>
      <p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
      <nav aria-label="Operations">
        <ul>
          ${operations.map(
            ({ path, method, op }) =>
              html`<li><a href="#${method}-${path}"><span class="method">${method}</span>${path}</a> — ${String(op.summary)}</li>`,
          )}
        </ul>
      </nav>
      ${operations.map(({ path, method, op }) => {
        const responses = Object.entries((op.responses ?? {}) as Record<string, { description?: string }>);
        const params = (op.parameters ?? []) as {
          name: string;
          in: string;
          required?: boolean;
          description?: string;
        }[];
        return html`<section>
          <h2 id="${method}-${path}"><span class="method">${method}</span><code>${path}</code></h2>
          <p>${String(op.summary)}</p>
          ${op.description ? html`<p>${String(op.description)}</p>` : ''}
          ${op.security ? html`<p>Needs a staff bearer token.</p>` : ''}
          ${
            params.length
              ? html`<table><caption>Parameters</caption><tr><th>name</th><th>in</th><th>required</th><th>about</th></tr>
              ${params.map((p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td>${p.description ?? ''}</td></tr>`)}</table>`
              : ''
          }
          <table><caption>Responses</caption><tr><th>status</th><th>meaning</th></tr>
            ${responses.map(([status, r]) => html`<tr><td>${status}</td><td>${r.description ?? ''}</td></tr>`)}
          </table>
        </section>`;
      })}
      <h2 id="schemas">Schemas</h2>
      <pre>${raw(JSON.stringify(document.components.schemas, null, 2).replace(/[<>&]/g, (ch) => `&#${ch.charCodeAt(0)};`))}</pre>
    </main>
  </body>
</html>`;

  return new Hono<AppEnv>()
    .get('/api/openapi.json', (c) => {
      setHeader(c, 'Access-Control-Allow-Origin', '*');
      return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
    })
    .get('/docs', (c) => c.html(page))
    .get('/docs/docs.css', (c) => {
      setHeader(c, 'Cache-Control', 'public, max-age=3600');
      return c.body(STYLES, 200, { 'Content-Type': 'text/css; charset=UTF-8' });
    });
}
