import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv, Deps } from '../app-env.ts';
import { findStatusByTicket } from '../db/requests.ts';
import { isoSeconds } from '../domain/clock.ts';
import { parseTicket } from '../domain/tickets.ts';
import { hashTrackingCode, trackingCodeMatches } from '../domain/tracking-code.ts';
import { ApiError } from '../http/errors.ts';
import { jsonBody, readJson } from '../middleware/json-body/index.ts';
import { rateLimit } from '../middleware/rate-limit/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { ReplySchema, SatisfactionSchema, WithdrawalSchema } from '../schema/life.ts';
import { issueMessage, translateIssues } from '../schema/messages.ts';

// As in the lookup (routes/status.ts): an unknown ticket costs the same hash as a wrong code.
const DECOY_HASH = hashTrackingCode('decoy');

/**
 * What the citizen does with the ticket and the tracking code (contract §5): answer a request for
 * information, withdraw, rate the answer. The same rules as the lookup: the code in the
 * `X-Tracking-Code` header only, an unknown ticket and a wrong code give the same 404, and wrong
 * guesses are limited per client (these three endpoints share one bucket, apart from the lookup's).
 */
export function citizenRoutes({ db, config, now }: Deps) {
  const guard = rateLimit({
    limit: 10,
    windowMs: 15 * 60_000,
    failuresOnly: (c) => c.res.status === 404,
    enabled: config.rateLimit,
  });
  const mail = Boolean(config.outbox.smtpUrl);

  /** The request's ticket once its tracking code has matched; the same 404 otherwise. */
  async function verified(c: Context<AppEnv>): Promise<string> {
    setHeader(c, 'Cache-Control', 'no-store');
    if (c.req.query('code') !== undefined) {
      throw new ApiError('validation_failed', {
        issues: [{ path: 'code', message: issueMessage(c.get('locale'), 'tracking_code_in_url') }],
      });
    }
    const code = c.req.header('X-Tracking-Code') ?? '';
    const ticket = (c.req.param('ticket') ?? '').trim().toUpperCase();
    const request = parseTicket(ticket) ? await findStatusByTicket(db.read, ticket) : null;
    const matches = request
      ? trackingCodeMatches(code, request.trackingHash)
      : trackingCodeMatches(code, DECOY_HASH) && false;
    if (!request || !matches) throw new ApiError('request_not_found');
    return ticket;
  }

  function parse<S extends v.GenericSchema>(schema: S, c: Context<AppEnv>): v.InferOutput<S> {
    const parsed = v.safeParse(schema, readJson(c));
    if (!parsed.success) {
      throw new ApiError('validation_failed', { issues: translateIssues(parsed.issues, c.get('locale')) });
    }
    return parsed.output;
  }

  return new Hono<AppEnv>()
    .post('/:ticket/replies', guard, jsonBody(), async (c) => {
      const ticket = await verified(c);
      const body = parse(ReplySchema, c);
      const at = isoSeconds(now());
      const outcome = await db.writer.run('citizenReply', {
        ticket,
        message: body.message,
        locale: body.locale ?? c.get('locale'),
        at,
        mail,
      });
      if ('notFound' in outcome) throw new ApiError('request_not_found');
      if ('notAwaitingReply' in outcome) throw new ApiError('not_awaiting_reply');
      c.get('logger').info({ ticket }, 'citizen replied');
      return c.json({ ticket, status: outcome.status, dueDate: outcome.dueDate, at }, 201);
    })
    .post('/:ticket/withdrawal', guard, jsonBody(), async (c) => {
      const ticket = await verified(c);
      const body = parse(WithdrawalSchema, c);
      const outcome = await db.writer.run('citizenWithdrawal', {
        ticket,
        ...(body.reason ? { reason: body.reason } : {}),
        at: isoSeconds(now()),
        mail,
      });
      if ('notFound' in outcome) throw new ApiError('request_not_found');
      if ('notOpen' in outcome) throw new ApiError('not_open');
      c.get('logger').info({ ticket }, 'citizen withdrew');
      return c.json({ ticket, status: outcome.status, at: outcome.at }, 201);
    })
    .post('/:ticket/satisfaction', guard, jsonBody(), async (c) => {
      const ticket = await verified(c);
      const body = parse(SatisfactionSchema, c);
      const outcome = await db.writer.run('rateAnswer', {
        ticket,
        resolved: body.resolved,
        rating: body.rating,
        ...(body.comment ? { comment: body.comment } : {}),
        at: isoSeconds(now()),
        mail,
      });
      if ('notFound' in outcome) throw new ApiError('request_not_found');
      if ('notAnswered' in outcome) throw new ApiError('not_answered');
      if ('alreadyRated' in outcome) throw new ApiError('already_rated');
      return c.json({ ticket, ...outcome.rated }, 201);
    });
}
