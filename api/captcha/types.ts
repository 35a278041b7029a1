import type { Catalog } from '../schema/catalog.ts';

export type CaptchaVerdict =
  | {
      ok: true /** What to record so the same solution cannot be used twice. */;
      spend?: { id: string; expiresAt: number };
    }
  | { ok: false };

/** Raised when the provider cannot answer (down, slow, unreadable): 503, and the citizen keeps the form. */
export class CaptchaUnavailableError extends Error {
  constructor(cause: unknown) {
    super('captcha provider unavailable', { cause });
    this.name = 'CaptchaUnavailableError';
  }
}

export interface CaptchaProvider {
  /** What the widget needs to show the captcha: it goes into every catalog. */
  readonly publicConfig: Catalog['captcha'];
  verify(token: string | undefined, remoteIp: string | undefined): Promise<CaptchaVerdict>;
}
