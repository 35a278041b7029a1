import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app-env.ts';
import {
  type AccountRecord,
  emailKey,
  findAccount,
  findAccountByEmail,
  findThrottle,
  hashSecret,
} from '../db/accounts.ts';
import { isoSeconds } from '../domain/clock.ts';
import { dummyHash, hashPassword, verifyPassword } from '../domain/password.ts';
import {
  needsSecondFactor,
  RESET_SECONDS,
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
} from '../domain/roles.ts';
import { checkTotp, newTotpSecret, totpUri } from '../domain/totp.ts';
import { bodyOf } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { rateLimit } from '../middleware/rate-limit/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import {
  clearSessionCookie,
  csrfToken,
  newLinkToken,
  newSessionId,
  readSession,
  sessionAuth,
  sessionCookie,
  sessionExpiry,
  sessionHash,
} from '../middleware/session/index.ts';
import { resetMail } from '../outbox/account-mail.ts';
import {
  AcceptInvitationSchema,
  PasswordResetCompleteSchema,
  PasswordResetSchema,
  type SessionView,
  SignInSchema,
  TotpCodeSchema,
} from '../schema/people.ts';

export function sessionView(
  account: AccountRecord,
  sessionId: string,
  expiresAt: string,
  enrolOnly: boolean,
): SessionView {
  return {
    account: {
      id: account.id,
      email: account.email,
      name: account.name,
      role: account.role,
      institution: account.institution,
      units: account.units,
      locale: account.locale,
      totpEnabled: account.totpSecret !== null,
      passkeys: account.passkeys,
    },
    csrfToken: csrfToken(sessionId),
    expiresAt,
    enrolRequired: enrolOnly,
  };
}

/**
 * Sign-in, the session, the second factor, accepting an invitation and resetting a password
 * (CONTRACT §7; docs/decisions/053). Mounted at /api/v1.
 */
export function sessionRoutes(deps: Deps) {
  const { db, now, secrets, audit, config, mailer } = deps;
  const enrolAllowed = sessionAuth(deps, { allowEnrolOnly: true });
  // Per address, on top of the per-email lockout: one client trying many emails is slowed too.
  const perAddress = rateLimit({ limit: 30, windowMs: 10 * 60_000, enabled: config.rateLimit });

  return new Hono<AppEnv>()
    .post('/session', perAddress, jsonBody(), async (c) => {
      const input = bodyOf(c, SignInSchema);
      const at = now();
      const key = emailKey(input.email);
      const ip = c.get('clientIp');
      const refuse = (reason: string, account: AccountRecord | null) =>
        audit.record({
          at: isoSeconds(at),
          institution: account?.institution ?? null,
          actor: account ? `account:${account.id}` : 'anonymous',
          action: 'session.sign_in_failed',
          target: account ? `account:${account.id}` : null,
          ip,
          detail: { reason },
        });
      // A locked email is refused before any hash: the same for an unknown address.
      const throttle = await findThrottle(db.read, key);
      if (throttle?.lockedUntil && throttle.lockedUntil > isoSeconds(at)) {
        // The log is the institution's own: it names the account tried (the answer does not).
        await refuse('locked', await findAccountByEmail(db.read, input.email));
        const retryAfter = Math.ceil((Date.parse(throttle.lockedUntil) - at.getTime()) / 1000);
        throw new ApiError('rate_limited', { headers: { 'Retry-After': String(retryAfter) } });
      }
      const account = await findAccountByEmail(db.read, input.email);
      const usable = account && !account.disabledAt && account.passwordHash ? account : null;
      // Always one scrypt: an unknown email takes as long as a wrong password.
      const passwordOk = await verifyPassword(input.password, usable?.passwordHash ?? (await dummyHash()));
      const matched = passwordOk && usable ? usable : null;
      let secondFactor: 'not_needed' | 'ok' | 'missing' | 'wrong' | 'enrol' = 'not_needed';
      let totpStep: number | undefined;
      if (matched?.totpSecret) {
        if (!input.totp) secondFactor = 'missing';
        else {
          const step = checkTotp(secrets.open(matched.totpSecret), input.totp.trim(), at);
          secondFactor = step === null ? 'wrong' : 'ok';
          if (step !== null) totpStep = step;
        }
      } else if (matched && matched.passkeys > 0) {
        // Its second factor is a passkey: that way in (POST /session/passkey), not a password alone.
        secondFactor = 'missing';
      } else if (matched && needsSecondFactor(matched.role) && !matched.demo) {
        secondFactor = 'enrol';
      }
      const id = newSessionId();
      const outcome = await db.writer.run('signIn', {
        emailKey: key,
        accountId: matched?.id ?? null,
        secondFactor,
        ...(totpStep !== undefined ? { totpStep } : {}),
        sessionHash: sessionHash(id),
        at: isoSeconds(at),
        expiresAt: isoSeconds(new Date(at.getTime() + SESSION_ABSOLUTE_SECONDS * 1000)),
      });
      setHeader(c, 'Cache-Control', 'no-store');
      if ('locked' in outcome) {
        await refuse('locked', account);
        throw new ApiError('rate_limited', { headers: { 'Retry-After': String(outcome.locked.retryAfter) } });
      }
      if ('invalid' in outcome) {
        await refuse('invalid_credentials', account);
        throw new ApiError('invalid_credentials');
      }
      if ('secondFactorRequired' in outcome) {
        await refuse(secondFactor === 'missing' ? 'second_factor_missing' : 'second_factor_wrong', matched);
        throw new ApiError('second_factor_required');
      }
      const signedIn = matched as AccountRecord;
      await audit.record({
        at: isoSeconds(at),
        institution: signedIn.institution,
        actor: `account:${signedIn.id}`,
        action: 'session.sign_in',
        target: `account:${signedIn.id}`,
        ip,
        detail: { secondFactor, enrolOnly: outcome.session.enrolOnly },
      });
      c.header('Set-Cookie', sessionCookie(id));
      const expiresAt = isoSeconds(new Date(at.getTime() + SESSION_IDLE_SECONDS * 1000));
      return c.json(sessionView(signedIn, id, expiresAt, outcome.session.enrolOnly));
    })
    .get('/session', async (c) => {
      const live = await readSession(c, deps);
      setHeader(c, 'Cache-Control', 'no-store');
      if (!live) throw new ApiError('unauthorized');
      return c.json(sessionView(live.account, live.id, sessionExpiry(live.session), live.session.enrolOnly));
    })
    .delete('/session', enrolAllowed, async (c) => {
      const account = c.get('account');
      await db.writer.run('signOut', { idHash: sessionHash(c.get('sessionId')), at: isoSeconds(now()) });
      await audit.record({
        at: isoSeconds(now()),
        institution: account.institution,
        actor: `account:${account.id}`,
        action: 'session.sign_out',
        ip: c.get('clientIp'),
      });
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .post('/session/sign-out-everywhere', enrolAllowed, async (c) => {
      const account = c.get('account');
      const ended = await db.writer.run('signOutEverywhere', {
        accountId: account.id,
        at: isoSeconds(now()),
      });
      await audit.record({
        at: isoSeconds(now()),
        institution: account.institution,
        actor: `account:${account.id}`,
        action: 'session.sign_out_everywhere',
        ip: c.get('clientIp'),
        detail: { sessions: ended },
      });
      clearSessionCookie(c);
      return c.json({ ended });
    })
    .post('/session/totp/setup', enrolAllowed, async (c) => {
      const account = c.get('account');
      const secret = newTotpSecret();
      await db.writer.run('totpSetup', {
        accountId: account.id,
        sealedSecret: secrets.seal(secret),
        at: isoSeconds(now()),
      });
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json({ secret, otpauthUrl: totpUri(secret, account.email) });
    })
    .post('/session/totp/enable', enrolAllowed, jsonBody(), async (c) => {
      const { code } = bodyOf(c, TotpCodeSchema);
      const account = (await findAccount(db.read, c.get('account').id)) as AccountRecord;
      const at = now();
      const step = account.totpPending ? checkTotp(secrets.open(account.totpPending), code.trim(), at) : null;
      if (step === null || !account.totpPending) throw new ApiError('second_factor_required');
      const outcome = await db.writer.run('totpEnable', {
        accountId: account.id,
        sealedSecret: account.totpPending,
        step,
        sessionHash: sessionHash(c.get('sessionId')),
        at: isoSeconds(at),
      });
      if ('stale' in outcome) throw new ApiError('second_factor_required');
      await audit.record({
        at: isoSeconds(at),
        institution: account.institution,
        actor: `account:${account.id}`,
        action: 'account.totp_enabled',
        target: `account:${account.id}`,
        ip: c.get('clientIp'),
      });
      const live = await readSession(c, deps);
      if (!live) throw new ApiError('unauthorized');
      return c.json(sessionView(live.account, live.id, sessionExpiry(live.session), live.session.enrolOnly));
    })
    .post('/invitations/accept', jsonBody(), async (c) => {
      const input = bodyOf(c, AcceptInvitationSchema);
      const outcome = await db.writer.run('useLink', {
        tokenHash: hashSecret('link', input.token),
        purpose: 'invitation',
        passwordHash: await hashPassword(input.password),
        ...(input.name ? { name: input.name } : {}),
        at: isoSeconds(now()),
      });
      if ('invalid' in outcome) throw new ApiError('invalid_link');
      const account = (await findAccount(db.read, outcome.accountId)) as AccountRecord;
      await audit.record({
        at: isoSeconds(now()),
        institution: account.institution,
        actor: `account:${account.id}`,
        action: 'account.invitation_accepted',
        target: `account:${account.id}`,
        ip: c.get('clientIp'),
      });
      return c.json({ email: account.email, totpRequired: needsSecondFactor(account.role) && !account.demo });
    })
    .post('/password-reset', perAddress, jsonBody(), async (c) => {
      const { email } = bodyOf(c, PasswordResetSchema);
      const account = await findAccountByEmail(db.read, email);
      const at = now();
      // The same answer, at once, whether or not the address has an account: the link is made
      // and mailed after answering, so the time taken tells nothing either.
      if (account && !account.disabledAt && mailer.configured) {
        const logger = c.get('logger');
        const ip = c.get('clientIp');
        const link = newLinkToken();
        void (async () => {
          await db.writer.run('createLink', {
            accountId: account.id,
            purpose: 'reset',
            tokenHash: link.hash,
            at: isoSeconds(at),
            expiresAt: isoSeconds(new Date(at.getTime() + RESET_SECONDS * 1000)),
          });
          await audit.record({
            at: isoSeconds(at),
            institution: account.institution,
            actor: 'anonymous',
            action: 'account.password_reset_requested',
            target: `account:${account.id}`,
            ip,
          });
          const url = new URL(`/staff/reset#token=${link.token}`, config.publicUrl).toString();
          await mailer.send({ ...resetMail(account.locale, url), to: account.email });
        })().catch((err) => logger.warn({ err: String(err) }, 'password reset mail failed'));
      }
      return c.json({ accepted: true }, 202);
    })
    .post('/password-reset/complete', jsonBody(), async (c) => {
      const input = bodyOf(c, PasswordResetCompleteSchema);
      const outcome = await db.writer.run('useLink', {
        tokenHash: hashSecret('link', input.token),
        purpose: 'reset',
        passwordHash: await hashPassword(input.password),
        at: isoSeconds(now()),
      });
      if ('invalid' in outcome) throw new ApiError('invalid_link');
      const account = (await findAccount(db.read, outcome.accountId)) as AccountRecord;
      await audit.record({
        at: isoSeconds(now()),
        institution: account.institution,
        actor: `account:${account.id}`,
        action: 'account.password_reset',
        target: `account:${account.id}`,
        ip: c.get('clientIp'),
      });
      return c.json({ email: account.email });
    });
}
