import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv, Deps } from '../app-env.ts';
import { type AccountRecord, findAccount, findPasskey, listPasskeyIds } from '../db/accounts.ts';
import { isoSeconds } from '../domain/clock.ts';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from '../domain/roles.ts';
import { bodyOf } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { rateLimit } from '../middleware/rate-limit/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import {
  csrfToken,
  newSessionId,
  readSession,
  sessionAuth,
  sessionCookie,
  sessionExpiry,
  sessionHash,
} from '../middleware/session/index.ts';

const CHALLENGE_SECONDS = 300;
/** The browser's answer, passed to @simplewebauthn/server as it is; that library checks it. */
const CredentialSchema = v.object({
  response: v.looseObject({ id: v.pipe(v.string(), v.maxLength(1400)), response: v.looseObject({}) }),
});

function challengeOf(clientDataJSON: unknown): string | null {
  if (typeof clientDataJSON !== 'string' || clientDataJSON.length > 4000) return null;
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as {
      challenge?: unknown;
    };
    return typeof data.challenge === 'string' ? data.challenge : null;
  } catch {
    return null;
  }
}

function view(account: AccountRecord, sessionId: string, expiresAt: string, enrolOnly: boolean) {
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
 * Passkeys (WebAuthn, @simplewebauthn/server): a signed-in person registers one; then signs in with
 * it alone. A passkey needs the authenticator and its user verification (PIN or biometrics): two
 * factors, and bound to this site's origin, so a phishing page cannot relay it. Registering one
 * satisfies the admins' second factor like a TOTP (docs/decisions/053).
 */
export function passkeyRoutes(deps: Deps) {
  const { db, now, config, audit } = deps;
  const rpID = new URL(config.publicUrl).hostname;
  const origin = new URL(config.publicUrl).origin;
  const enrolAllowed = sessionAuth(deps, { allowEnrolOnly: true });
  const perAddress = rateLimit({ limit: 30, windowMs: 10 * 60_000, enabled: config.rateLimit });

  return new Hono<AppEnv>()
    .post('/session/passkeys/options', enrolAllowed, async (c) => {
      const account = c.get('account');
      const options = await generateRegistrationOptions({
        rpName: 'Contacto Ciudadano',
        rpID,
        userName: account.email,
        userDisplayName: account.name,
        userID: new TextEncoder().encode(`account:${account.id}`),
        attestationType: 'none',
        excludeCredentials: (await listPasskeyIds(db.read, account.id)).map((id) => ({ id })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      });
      const at = now();
      await db.writer.run('saveChallenge', {
        challenge: options.challenge,
        accountId: account.id,
        purpose: 'register',
        expiresAt: isoSeconds(new Date(at.getTime() + CHALLENGE_SECONDS * 1000)),
        at: isoSeconds(at),
      });
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json(options);
    })
    .post('/session/passkeys', enrolAllowed, jsonBody(), async (c) => {
      const account = c.get('account');
      const { response } = bodyOf(c, CredentialSchema);
      const challenge = challengeOf((response.response as { clientDataJSON?: unknown }).clientDataJSON);
      const at = now();
      const live =
        challenge !== null &&
        (await db.writer.run('takeChallenge', {
          challenge,
          accountId: account.id,
          purpose: 'register',
          at: isoSeconds(at),
        }));
      if (!live) throw new ApiError('second_factor_required');
      const verified = await verifyRegistrationResponse({
        response: response as unknown as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: true,
      }).catch(() => null);
      if (!verified?.verified) throw new ApiError('second_factor_required');
      const { credential } = verified.registrationInfo;
      const added = await db.writer.run('addPasskey', {
        accountId: account.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? [],
        sessionHash: sessionHash(c.get('sessionId')),
        at: isoSeconds(at),
      });
      if ('duplicate' in added) throw new ApiError('second_factor_required');
      await audit.record({
        at: isoSeconds(at),
        institution: account.institution,
        actor: `account:${account.id}`,
        action: 'account.passkey_added',
        target: `account:${account.id}`,
        ip: c.get('clientIp'),
      });
      const session = await readSession(c, deps);
      if (!session) throw new ApiError('unauthorized');
      return c.json(
        view(session.account, session.id, sessionExpiry(session.session), session.session.enrolOnly),
      );
    })
    .post('/session/passkey/options', perAddress, async (c) => {
      // Discoverable credentials: the authenticator offers the accounts it holds for this site, so
      // the answer names no account and tells nothing about which exist.
      const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
      const at = now();
      await db.writer.run('saveChallenge', {
        challenge: options.challenge,
        accountId: null,
        purpose: 'authenticate',
        expiresAt: isoSeconds(new Date(at.getTime() + CHALLENGE_SECONDS * 1000)),
        at: isoSeconds(at),
      });
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json(options);
    })
    .post('/session/passkey', perAddress, jsonBody(), async (c) => {
      const { response } = bodyOf(c, CredentialSchema);
      const at = now();
      const refuse = async (reason: string, account: AccountRecord | null) => {
        await audit.record({
          at: isoSeconds(at),
          institution: account?.institution ?? null,
          actor: account ? `account:${account.id}` : 'anonymous',
          action: 'session.sign_in_failed',
          target: account ? `account:${account.id}` : null,
          ip: c.get('clientIp'),
          detail: { reason, method: 'passkey' },
        });
        throw new ApiError('invalid_credentials');
      };
      const challenge = challengeOf((response.response as { clientDataJSON?: unknown }).clientDataJSON);
      const live =
        challenge !== null &&
        (await db.writer.run('takeChallenge', {
          challenge,
          accountId: null,
          purpose: 'authenticate',
          at: isoSeconds(at),
        }));
      if (!live || challenge === null) return refuse('challenge', null);
      const passkey = await findPasskey(db.read, response.id);
      const account = passkey ? await findAccount(db.read, passkey.accountId) : null;
      if (!passkey || !account || account.disabledAt) return refuse('unknown_passkey', null);
      const verified = await verifyAuthenticationResponse({
        response: response as unknown as AuthenticationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: true,
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: passkey.counter,
          transports: passkey.transports as never,
        },
      }).catch(() => null);
      if (!verified?.verified) return refuse('signature', account);
      const id = newSessionId();
      const outcome = await db.writer.run('passkeySignIn', {
        credentialId: passkey.credentialId,
        counter: verified.authenticationInfo.newCounter,
        sessionHash: sessionHash(id),
        at: isoSeconds(at),
        expiresAt: isoSeconds(new Date(at.getTime() + SESSION_ABSOLUTE_SECONDS * 1000)),
      });
      if ('refused' in outcome) return refuse('counter', account);
      await audit.record({
        at: isoSeconds(at),
        institution: account.institution,
        actor: `account:${account.id}`,
        action: 'session.sign_in',
        target: `account:${account.id}`,
        ip: c.get('clientIp'),
        detail: { secondFactor: 'passkey' },
      });
      c.header('Set-Cookie', sessionCookie(id));
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json(
        view(account, id, isoSeconds(new Date(at.getTime() + SESSION_IDLE_SECONDS * 1000)), false),
      );
    });
}
