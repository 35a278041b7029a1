import type { AppDatabase } from '../commands/index.ts';
import { getOrCreateSecret } from '../commands/settings.ts';
import type { CaptchaConfig } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { SecretBox } from '../domain/secret-box.ts';
import { type AltchaOptions, createAltcha } from './altcha.ts';
import { createHcaptcha } from './hcaptcha.ts';
import type { CaptchaProvider } from './types.ts';

export * from './types.ts';

export interface Captcha {
  provider: CaptchaProvider;
  /** Only for ALTCHA: a fresh challenge for the widget. */
  challenge?: () => Promise<unknown>;
}

const OFF: CaptchaProvider = {
  publicConfig: { provider: 'off' },
  async verify() {
    return { ok: true };
  },
};

export async function createCaptcha(
  config: CaptchaConfig,
  db: AppDatabase,
  secrets: SecretBox,
  now: Clock,
  altchaTuning: Partial<AltchaOptions> = {},
): Promise<Captcha> {
  switch (config.provider) {
    case 'off':
      return { provider: OFF };
    case 'hcaptcha':
      return { provider: createHcaptcha(config) };
    case 'altcha': {
      const altcha = createAltcha({
        hmacSecret: await getOrCreateSecret(db, secrets, 'altcha_hmac'),
        hmacKeySecret: await getOrCreateSecret(db, secrets, 'altcha_hmac_key'),
        now,
        ...altchaTuning,
      });
      return altcha;
    }
  }
}
