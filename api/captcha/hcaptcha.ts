import { post } from '../http/post.ts';
import { type CaptchaProvider, CaptchaUnavailableError, type CaptchaVerdict } from './types.ts';

export interface HcaptchaOptions {
  sitekey: string;
  secret: string;
  verifyUrl: string;
  timeoutMs: number;
}

/**
 * hCaptcha's siteverify with a deadline. The `hcaptcha` npm package hard-codes the host and waits
 * forever; a government form must instead tell the citizen quickly that verification is down (503)
 * and keep what they wrote. hCaptcha itself refuses a token used twice.
 */
export function createHcaptcha(options: HcaptchaOptions): CaptchaProvider {
  const verifyUrl = new URL(options.verifyUrl);
  return {
    publicConfig: { provider: 'hcaptcha', sitekey: options.sitekey },
    async verify(token, remoteIp): Promise<CaptchaVerdict> {
      if (!token) return { ok: false };
      const form = new URLSearchParams({ secret: options.secret, response: token, sitekey: options.sitekey });
      if (remoteIp) form.set('remoteip', remoteIp);
      let body: { success?: unknown };
      try {
        const answer = await post(
          verifyUrl,
          form.toString(),
          { 'Content-Type': 'application/x-www-form-urlencoded' },
          options.timeoutMs,
        );
        if (answer.status !== 200) throw new Error(`siteverify answered ${answer.status}`);
        body = JSON.parse(answer.body) as { success?: unknown };
      } catch (error) {
        throw new CaptchaUnavailableError(error);
      }
      return body?.success === true ? { ok: true } : { ok: false };
    },
  };
}
