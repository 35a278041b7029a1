import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../app-env.ts';
import { locale } from './index.ts';

const app = new Hono<AppEnv>().use(locale()).get('/', (c) => c.text(c.get('locale')));
const lang = async (init: { query?: string; header?: string }) =>
  (
    await app.request(`/${init.query ? `?locale=${init.query}` : ''}`, {
      headers: init.header ? { 'Accept-Language': init.header } : {},
    })
  ).text();

describe('locale', () => {
  it('defaults to Spanish', async () => {
    expect(await lang({})).toBe('es');
    expect(await lang({ header: 'fr-FR,de;q=0.8' })).toBe('es');
  });

  it('follows Accept-Language by quality', async () => {
    expect(await lang({ header: 'en-US,en;q=0.9' })).toBe('en');
    expect(await lang({ header: 'fr;q=1, es;q=0.5, en;q=0.8' })).toBe('en');
    expect(await lang({ header: 'es-EC' })).toBe('es');
  });

  it('lets ?locale= override the header', async () => {
    expect(await lang({ query: 'en', header: 'es' })).toBe('en');
    expect(await lang({ query: 'xx', header: 'en' })).toBe('en');
  });
});
