import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('runs the demo with no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      databaseUrl: 'file:data/contacto.db',
      captcha: { provider: 'altcha' },
      rateLimit: true,
      seedDemo: true,
    });
  });

  it('names the variable that is wrong', () => {
    expect(errorOf({ PORT: 'eighty' }).variable).toBe('PORT');
    expect(errorOf({ CAPTCHA: 'recaptcha' }).message).toMatch(
      /^CAPTCHA: must be one of altcha, hcaptcha, off/,
    );
    expect(errorOf({ DATABASE_URL: 'postgres://x' }).variable).toBe('DATABASE_URL');
    expect(errorOf({ SEED_DEMO: 'maybe' }).variable).toBe('SEED_DEMO');
  });

  it('requires the hCaptcha keys when hCaptcha is chosen', () => {
    expect(errorOf({ CAPTCHA: 'hcaptcha' }).variable).toBe('HCAPTCHA_SITEKEY');
    expect(errorOf({ CAPTCHA: 'hcaptcha', HCAPTCHA_SITEKEY: 'k' }).variable).toBe('HCAPTCHA_SECRET');
    const config = loadConfig({ CAPTCHA: 'hcaptcha', HCAPTCHA_SITEKEY: 'k', HCAPTCHA_SECRET: 's' });
    expect(config.captcha).toMatchObject({ verifyUrl: 'https://api.hcaptcha.com/siteverify' });
  });

  it('refuses to switch protections off in production', () => {
    expect(errorOf({ NODE_ENV: 'production', CAPTCHA: 'off' }).variable).toBe('CAPTCHA');
    expect(errorOf({ NODE_ENV: 'production', RATE_LIMIT: 'off' }).variable).toBe('RATE_LIMIT');
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: KEY }).seedDemo).toBe(false);
  });

  it('refuses to start in production without a SECRET_KEY, and takes no short or malformed key', () => {
    expect(errorOf({ NODE_ENV: 'production' }).message).toMatch(
      /^SECRET_KEY: is required when NODE_ENV=production/,
    );
    expect(errorOf({ SECRET_KEY: 'too-short' }).variable).toBe('SECRET_KEY');
    expect(errorOf({ SECRET_KEY: 'ab'.repeat(31) }).variable).toBe('SECRET_KEY');
    expect(errorOf({ SECRET_KEY: KEY, SECRET_KEY_PREVIOUS: 'x' }).variable).toBe('SECRET_KEY_PREVIOUS');
    const hex = loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'ab'.repeat(32), SECRET_KEY_PREVIOUS: KEY });
    expect(hex.secretKey).toHaveLength(32);
    expect(hex.secretKeyPrevious).toHaveLength(1);
    expect(hex.secretKeyIsDev).toBe(false);
    expect(loadConfig({}).secretKeyIsDev).toBe(true);
  });

  it('lets webhooks reach loopback outside production only', () => {
    expect(loadConfig({}).webhookAllowLoopback).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_LOOPBACK: 'false' }).webhookAllowLoopback).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: KEY }).webhookAllowLoopback).toBe(false);
    expect(
      errorOf({ NODE_ENV: 'production', SECRET_KEY: KEY, WEBHOOK_ALLOW_LOOPBACK: 'true' }).variable,
    ).toBe('WEBHOOK_ALLOW_LOOPBACK');
  });

  it('refuses a plain-HTTP siteverify in production: the secret and the token would travel in clear', () => {
    const hcaptcha = { CAPTCHA: 'hcaptcha', HCAPTCHA_SITEKEY: 'k', HCAPTCHA_SECRET: 's' };
    const local = { ...hcaptcha, HCAPTCHA_VERIFY_URL: 'http://127.0.0.1:9999/siteverify' };
    expect(loadConfig(local).captcha).toMatchObject({ verifyUrl: 'http://127.0.0.1:9999/siteverify' });
    const error = errorOf({ ...local, NODE_ENV: 'production' });
    expect(error.variable).toBe('HCAPTCHA_VERIFY_URL');
    expect(error.message).toMatch(/https/);
    expect(
      loadConfig({
        ...hcaptcha,
        NODE_ENV: 'production',
        SECRET_KEY: 'a'.repeat(64),
        HCAPTCHA_VERIFY_URL: 'https://hc.example/siteverify',
      }).captcha,
    ).toMatchObject({ verifyUrl: 'https://hc.example/siteverify' });
  });

  it('takes the number of trusted proxies from TRUST_PROXY (true is one, false none)', () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(0);
    expect(errorOf({ TRUST_PROXY: '-1' }).variable).toBe('TRUST_PROXY');
    expect(errorOf({ TRUST_PROXY: 'nginx' }).message).toMatch(/^TRUST_PROXY: /);
  });

  it('takes the public URL from PUBLIC_URL, else from where the server listens', () => {
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:8787');
    expect(loadConfig({ PORT: '8790' }).publicUrl).toBe('http://127.0.0.1:8790');
    expect(loadConfig({ HOST: 'localhost', PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(loadConfig({ HOST: '0.0.0.0' }).publicUrl).toBe('http://127.0.0.1:8787');
    expect(loadConfig({ HOST: '::1' }).publicUrl).toBe('http://[::1]:8787');
    expect(loadConfig({ PUBLIC_URL: 'https://contacto.gob.ec/' }).publicUrl).toBe('https://contacto.gob.ec');
    expect(loadConfig({ PORT: '0', PUBLIC_URL: 'http://127.0.0.1:4000' }).publicUrl).toBe(
      'http://127.0.0.1:4000',
    );
  });

  it('refuses a public URL that is not an origin, and PORT=0 without one', () => {
    expect(errorOf({ PUBLIC_URL: 'contacto.gob.ec' }).variable).toBe('PUBLIC_URL');
    expect(errorOf({ PUBLIC_URL: 'ftp://contacto.gob.ec' }).variable).toBe('PUBLIC_URL');
    expect(errorOf({ PUBLIC_URL: 'https://contacto.gob.ec/buzon' }).message).toMatch(/must be an origin/);
    expect(errorOf({ PORT: '0' }).message).toBe(
      'PUBLIC_URL: is required when PORT=0 (the port is not known beforehand)',
    );
  });
});
