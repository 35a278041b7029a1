import { type CaptchaProvider, CaptchaUnavailableError, type CaptchaVerdict } from './types.ts';

export interface HcaptchaOptions {
  sitekey: string;
  secret: string;
  verifyUrl: string;
  timeoutMs: number;
}

/**
 * hCaptcha's siteverify through fetch with a deadline. The `hcaptcha` npm package hard-codes the host
 * and waits forever; a government form must instead tell the citizen quickly that verification is
 * down (503) and keep what they wrote. hCaptcha itself refuses a token used twice.
 */
export function createHcaptcha(options: HcaptchaOptions): CaptchaProvider {
  return {
    publicConfig: { provider: 'hcaptcha', sitekey: options.sitekey },
    async verify(token, remoteIp): Promise<CaptchaVerdict> {
      if (!token) return { ok: false };
      const form = new URLSearchParams({ secret: options.secret, response: token, sitekey: options.sitekey });
      if (remoteIp) form.set('remoteip', remoteIp);
      let body: { success?: unknown };
      try {
        const response = await fetch(options.verifyUrl, {
          method: 'POST',
          body: form,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (!response.ok) throw new Error(`siteverify answered ${response.status}`);
        body = (await response.json()) as { success?: unknown };
      } catch (error) {
        throw new CaptchaUnavailableError(error);
      }
      return body.success === true ? { ok: true } : { ok: false };
    },
  };
}
