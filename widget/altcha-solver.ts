// Loaded only when the citizen reaches the last step (dynamic import), so the proof-of-work code
// is not part of what the page downloads up front. WebCrypto's PBKDF2 runs off the main thread:
// the page stays responsive while it works.
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';

export async function solveAltcha(challenge: Challenge, signal?: AbortSignal): Promise<string> {
  const controller = new AbortController();
  signal?.addEventListener('abort', () => controller.abort());
  const solution = await solveChallenge({ challenge, deriveKey, controller, timeout: 120_000 });
  if (!solution) throw new Error('captcha not solved');
  return btoa(JSON.stringify({ challenge, solution }));
}
