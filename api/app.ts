import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, Deps } from './app-env.ts';
import { parseTicket } from './domain/tickets.ts';
import { ApiError } from './http/errors.ts';
import { clientIp } from './middleware/client-ip/index.ts';
import { compressJson } from './middleware/compress-json/index.ts';
import { institutionCors } from './middleware/institution-cors/index.ts';
import { locale } from './middleware/locale/index.ts';
import { requestLog } from './middleware/request-log/index.ts';
import { responseHeaders, setHeader } from './middleware/response-headers/index.ts';
import { citizenAttachmentRoutes, staffAttachmentRoutes } from './routes/attachments.ts';
import { captchaRoutes } from './routes/captcha.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { catalogAdminRoutes } from './routes/catalog-admin.ts';
import { citizenRoutes } from './routes/citizen.ts';
import { docsRoutes } from './routes/docs.ts';
import { filingRoutes } from './routes/filing.ts';
import { passkeyRoutes } from './routes/passkeys.ts';
import { peopleRoutes } from './routes/people.ts';
import { platformRoutes } from './routes/platform.ts';
import { platformReportRoutes } from './routes/platform-report.ts';
import { reportRoutes } from './routes/reports.ts';
import { sessionRoutes } from './routes/session.ts';
import { staffRoutes } from './routes/staff.ts';
import { staffAppRoutes } from './routes/staff-app.ts';
import { staffLifeRoutes } from './routes/staff-life.ts';
import { staticRoutes } from './routes/static.ts';
import { statusRoutes } from './routes/status.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { webhookAdminRoutes } from './routes/webhooks-admin.ts';
import { type ErrorBody, errorMessage } from './schema/index.ts';

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // a malformed escape names no institution
  }
}

/** Which institution a path concerns, for CORS: `/institutions/{code}/…` or `/requests/{ticket}`. */
function institutionOf(path: string): string | null {
  const byCode = /^\/api\/v1\/institutions\/([^/]+)/.exec(path);
  if (byCode?.[1]) return safeDecode(byCode[1]);
  const byTicket = /^\/api\/v1\/requests\/([^/]+)/.exec(path);
  const ticket = byTicket?.[1] ? safeDecode(byTicket[1]) : null;
  return ticket ? (parseTicket(ticket)?.institution ?? null) : null;
}

/** The whole HTTP surface: middleware, the sub-apps, and JSON for every error. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.use(responseHeaders());
  app.use(clientIp({ trustProxy: deps.config.trustProxy }));
  app.use(requestLog(deps.logger));
  app.use('/api/*', compressJson());
  app.use(locale());
  app.use(
    '/api/v1/*',
    institutionCors({
      async allowedOrigins(c) {
        const code = institutionOf(new URL(c.req.url).pathname);
        if (!code) return null;
        const institution = await deps.catalogs.get(code);
        if (!institution) return null;
        // The platform's own pages (the demo, a national portal) may file for any institution: its
        // public origin, and the origin this request was addressed to (a page served by this very
        // server, whatever name the browser used for it).
        return [...institution.catalog.allowedOrigins, deps.config.publicUrl, new URL(c.req.url).origin];
      },
    }),
  );
  // Public, read-only and institution-independent: any website may read them.
  app.use('/api/v1/institutions', async (c, next) => {
    await next();
    setHeader(c, 'Access-Control-Allow-Origin', '*');
  });
  app.use('/api/v1/captcha/*', async (c, next) => {
    await next();
    setHeader(c, 'Access-Control-Allow-Origin', '*');
  });

  app.route('/api/v1/institutions', catalogRoutes(deps));
  app.route('/api/v1/institutions', filingRoutes(deps));
  app.route('/api/v1/institutions', staffRoutes(deps));
  app.route('/api/v1/institutions', reportRoutes(deps));
  app.route('/api/v1/institutions', peopleRoutes(deps));
  app.route('/api/v1/requests', statusRoutes(deps));
  app.route('/api/v1/institutions', uploadRoutes(deps));
  app.route('/api/v1/institutions', staffAttachmentRoutes(deps));
  app.route('/api/v1/requests', citizenAttachmentRoutes(deps));
  app.route('/api/v1', sessionRoutes(deps));
  app.route('/api/v1', passkeyRoutes(deps));
  app.route('/api/v1/platform', platformRoutes(deps));
  app.route('/api/v1/platform', platformReportRoutes(deps));
  app.route('/api/v1/institutions', catalogAdminRoutes(deps));
  app.route('/api/v1/institutions', webhookAdminRoutes(deps));
  app.route('/api/v1/institutions', staffLifeRoutes(deps));
  app.route('/api/v1/requests', citizenRoutes(deps));
  app.route('/api/v1/captcha', captchaRoutes(deps));
  app.route('/', docsRoutes(deps));
  app.route('/', staticRoutes());
  app.route('/', staffAppRoutes());

  app.notFound((c) => {
    const body: ErrorBody = {
      error: { code: 'not_found', message: errorMessage(c.get('locale') ?? 'es', 'not_found') },
    };
    return c.json(body, 404);
  });

  app.onError((error, c) => {
    const lang = c.get('locale') ?? 'es';
    let apiError: ApiError;
    if (error instanceof ApiError) {
      apiError = error;
    } else if (error instanceof HTTPException && error.status === 400) {
      // hono's own validator refuses malformed JSON with a 400 HTTPException.
      apiError = new ApiError('invalid_json');
    } else if (error instanceof HTTPException && error.status === 413) {
      apiError = new ApiError('payload_too_large', { params: { n: 64 } });
    } else {
      (c.get('logger') ?? deps.logger).error({ err: error }, 'unhandled error');
      apiError = new ApiError('internal_error');
    }
    const body: ErrorBody = {
      error: {
        code: apiError.code,
        message: errorMessage(lang, apiError.code, apiError.options.params),
        ...(apiError.options.issues ? { issues: apiError.options.issues } : {}),
      },
    };
    for (const [name, value] of Object.entries(apiError.options.headers ?? {})) setHeader(c, name, value);
    setHeader(c, 'Cache-Control', 'no-store');
    return c.json(body, apiError.status);
  });

  return app;
}
