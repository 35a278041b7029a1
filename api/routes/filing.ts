import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv, Deps } from '../app-env.ts';
import { attachmentsUnavailable, uploadsUsable } from '../attachments/claims.ts';
import { CaptchaUnavailableError } from '../captcha/types.ts';
import { replayOrConflict } from '../commands/file-request.ts';
import { findIdempotent } from '../db/requests.ts';
import { dueDate, localDate } from '../domain/business-days.ts';
import { isoSeconds } from '../domain/clock.ts';
import { generateTrackingCode, hashTrackingCode } from '../domain/tracking-code.ts';
import { ApiError } from '../http/errors.ts';
import { jsonBody, readJson } from '../middleware/json-body/index.ts';
import { rateLimit } from '../middleware/rate-limit/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { LIMITS } from '../schema/filing.ts';
import { isLocale, translateIssues } from '../schema/messages.ts';
import type { Receipt } from '../schema/responses.ts';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,128}$/;

/** `POST /institutions/{code}/requests`: a citizen files a request and gets a ticket. */
export function filingRoutes({ db, captcha, catalogs, config, now, secrets }: Deps) {
  return new Hono<AppEnv>().post(
    '/:code/requests',
    rateLimit({ limit: 20, windowMs: 10 * 60_000, enabled: config.rateLimit }),
    jsonBody({ maxBytes: LIMITS.body }),
    async (c) => {
      const institution = await catalogs.get(c.req.param('code'));
      if (!institution) throw new ApiError('institution_not_found');
      const { catalog } = institution;
      const body = readJson(c);
      const bodyLocale = (body as { locale?: unknown } | null)?.locale;
      if (isLocale(bodyLocale)) c.set('locale', bodyLocale);

      const parsed = v.safeParse(institution.filingSchema, body);
      if (!parsed.success) {
        throw new ApiError('validation_failed', { issues: translateIssues(parsed.issues, c.get('locale')) });
      }
      const filing = parsed.output;

      const key = c.req.header('Idempotency-Key');
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw new ApiError('validation_failed', {
          issues: [{ path: 'Idempotency-Key', message: 'Idempotency-Key: 1–128 visible ASCII characters' }],
        });
      }
      // What an idempotent retry must repeat exactly: the bytes as sent, only when there is a key.
      // Never a re-serialisation of the parsed body: JSON.parse takes any depth, JSON.stringify
      // overflows the stack on a deeply nested unknown field (a client's mistake, not a 500).
      const bodyHash = key ? createHash('sha256').update(c.get('jsonText')).digest('hex') : '';
      // The stored 201 (the command's, or an idempotent replay) holds the tracking code sealed
      // (domain/secret-box.ts): the database never sees it in the clear; it is opened only here.
      const created = (body: string, statusUrl: string) => {
        setHeader(c, 'Location', statusUrl);
        setHeader(c, 'Cache-Control', 'no-store');
        return c.body(body, 201, { 'Content-Type': 'application/json; charset=UTF-8' });
      };
      const replayed = (stored: string) => {
        const receipt = JSON.parse(stored) as Receipt;
        receipt.trackingCode = secrets.open(receipt.trackingCode);
        return created(JSON.stringify(receipt), receipt.statusUrl);
      };

      // A retry of a request that already got its ticket is answered before the captcha: its token
      // was spent by the first attempt, and the citizen must get the same ticket, not an error.
      if (key) {
        const earlier = replayOrConflict(await findIdempotent(db.read, catalog.code, key), bodyHash);
        if (earlier && 'replay' in earlier) return replayed(earlier.replay);
        if (earlier) throw new ApiError('idempotency_conflict');
      }

      // Uploads that cannot be claimed are refused before the captcha is spent.
      if (!(await uploadsUsable(db.read, filing.attachments, catalog.code, now()))) {
        throw attachmentsUnavailable(c.get('locale'));
      }

      let verdict: Awaited<ReturnType<typeof captcha.provider.verify>>;
      try {
        verdict = await captcha.provider.verify(filing.captcha, c.get('clientIp'));
      } catch (error) {
        if (error instanceof CaptchaUnavailableError) {
          c.get('logger').warn({ err: String(error.cause) }, 'captcha provider unavailable');
          throw new ApiError('captcha_unavailable', { headers: { 'Retry-After': '30' } });
        }
        throw error;
      }
      if (!verdict.ok) throw new ApiError('captcha_failed');

      // Whole seconds, like every time in the database; a copy, so the clock's own Date is not touched.
      const createdAt = new Date(Math.floor(now().getTime() / 1000) * 1000);
      const type = catalog.requestTypes.find((t) => t.code === filing.type);
      const due = type?.responseDays
        ? dueDate(createdAt, type.responseDays, catalog.country, catalog.timezone)
        : null;
      const year = Number(localDate(createdAt, catalog.timezone).slice(0, 4));
      const trackingCode = generateTrackingCode();
      const trackingHash = hashTrackingCode(trackingCode);
      const sealed = secrets.seal(trackingCode);
      const createdAtText = isoSeconds(createdAt);
      // Without an idempotency key or a captcha to spend, the job is the insert alone.
      const spend = verdict.ok ? verdict.spend : undefined;
      const outcome = await db.writer.run('fileRequest', {
        request: {
          institution: catalog.code,
          year,
          filing,
          trackingHash,
          privacyVersion: catalog.privacyNotice.version,
          dueDate: due,
          createdAt: createdAtText,
        },
        receipt: { trackingCode: sealed, createdAt: createdAtText, dueDate: due },
        ...(key ? { idempotency: { key, bodyHash } } : {}),
        ...(spend ? { captchaSpend: { id: spend.id, expiresAt: spend.expiresAt } } : {}),
        mail: Boolean(config.outbox.smtpUrl),
      });
      if ('response' in outcome) {
        c.get('logger').info({ institution: catalog.code, type: filing.type }, 'request filed');
        // A fresh filing knows its code in the clear already: its sealed form, unique in the body
        // (random, and JSON-safe characters), is swapped for it rather than the body parsed again.
        const body = outcome.response.replace(JSON.stringify(sealed), JSON.stringify(trackingCode));
        if (body === outcome.response) return replayed(outcome.response);
        return created(body, outcome.statusUrl);
      }
      if ('replay' in outcome) return replayed(outcome.replay);
      if ('conflict' in outcome) throw new ApiError('idempotency_conflict');
      if ('attachmentsUnavailable' in outcome) throw attachmentsUnavailable(c.get('locale'));
      // Its solution was spent first by another filing: a replayed token.
      throw new ApiError('captcha_failed');
    },
  );
}
