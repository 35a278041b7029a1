import { type Challenge, createChallenge, randomInt, type Solution, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { type Clock, unixSeconds } from '../domain/clock.ts';
import type { CaptchaProvider, CaptchaVerdict } from './types.ts';

export interface AltchaOptions {
  hmacSecret: string;
  hmacKeySecret: string;
  /** PBKDF2 iterations per attempt and the range of attempts the solver must reach: the work asked. */
  cost?: number;
  counter?: [number, number];
  /** Seconds a challenge stays valid. */
  ttlSeconds?: number;
  now: Clock;
}

/**
 * Self-hosted ALTCHA: a proof of work, no third party, no cookies, nothing about the citizen sent
 * anywhere. Challenges are HMAC-signed (stateless) and expire; the signature of a solved challenge is
 * spent in the filing's transaction, which is the replay protection altcha-lib leaves to us.
 */
export function createAltcha(options: AltchaOptions) {
  const { cost = 1_000, counter = [800, 2_500], ttlSeconds = 600, now } = options;
  const [fewest, most] = [Math.min(...counter), Math.max(...counter)];
  const ALGORITHM = 'PBKDF2/SHA-256';
  const KEY_LENGTH = 32;

  /**
   * The signature proves a challenge came from a holder of the key, not that it asks the work this
   * server asks today: one minted with cheaper parameters (a lower cost or counter, by a test
   * setup, an older configuration or a leaked key) is refused. The counter is the solver's number
   * of attempts, so it must lie in the configured range.
   */
  function asksOurWork(challenge: Challenge, solution: Solution): boolean {
    const p = challenge.parameters;
    return (
      p.algorithm === ALGORITHM &&
      p.cost === cost &&
      p.keyLength === KEY_LENGTH &&
      typeof p.keyPrefix === 'string' &&
      p.keyPrefix.length === KEY_LENGTH &&
      Number.isInteger(solution.counter) &&
      solution.counter >= fewest &&
      solution.counter <= most
    );
  }

  async function challenge(): Promise<Challenge> {
    return createChallenge({
      algorithm: ALGORITHM,
      cost,
      keyLength: KEY_LENGTH,
      // altcha-lib's randomInt takes (max, min).
      counter: randomInt(most, fewest),
      deriveKey,
      // In the signed data rather than altcha-lib's own expiresAt, which the library checks against
      // the system clock: expiry is decided by the application's clock like every other time.
      data: { expiresAt: unixSeconds(now()) + ttlSeconds },
      hmacSignatureSecret: options.hmacSecret,
      hmacKeySignatureSecret: options.hmacKeySecret,
    });
  }

  const provider: CaptchaProvider = {
    publicConfig: { provider: 'altcha', challengeUrl: '/api/v1/captcha/challenge' },
    async verify(token): Promise<CaptchaVerdict> {
      if (!token) return { ok: false };
      let payload: { challenge?: Challenge; solution?: Solution };
      try {
        payload = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
      } catch {
        return { ok: false };
      }
      if (!payload?.challenge?.parameters || !payload.challenge.signature || !payload.solution)
        return { ok: false };
      if (!asksOurWork(payload.challenge, payload.solution)) return { ok: false };
      let verified = false;
      try {
        const result = await verifySolution({
          challenge: payload.challenge,
          solution: payload.solution,
          deriveKey,
          hmacSignatureSecret: options.hmacSecret,
          hmacKeySignatureSecret: options.hmacKeySecret,
        });
        verified = result.verified;
      } catch {
        verified = false;
      }
      const expiresAt = payload.challenge.parameters.data?.expiresAt;
      if (!verified || typeof expiresAt !== 'number' || expiresAt < unixSeconds(now())) return { ok: false };
      return { ok: true, spend: { id: `altcha:${payload.challenge.signature}`, expiresAt } };
    },
  };
  return { provider, challenge };
}
