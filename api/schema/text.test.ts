import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CatalogFileSchema } from './catalog.ts';
import { translateIssues } from './messages.ts';
import { StaffEventSchema } from './status.ts';
import { isVisibleText } from './text.ts';

const INVISIBLE = [
  ...['\u202A', '\u202B', '\u202C', '\u202D', '\u202E'],
  ...['\u2066', '\u2067', '\u2068', '\u2069'],
  ...['\u200E', '\u200F', '\u061C'],
  ...['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'],
];

describe('visible text', () => {
  it('refuses every bidi control and zero-width character, wherever it is', () => {
    for (const char of INVISIBLE) {
      const code = char.codePointAt(0)?.toString(16);
      expect(isVisibleText(`${char}Ana`), code).toBe(false);
      expect(isVisibleText(`An${char}a`), code).toBe(false);
      expect(isVisibleText(`Ana${char}`), code).toBe(false);
    }
  });

  it('accepts Spanish, Kichwa, accents and emoji, joined emoji sequences included', () => {
    for (const text of [
      'Atención en ñandú',
      'Alli puncha, mashi',
      'Gracias 👍',
      '👩‍⚕️ la doctora',
      '👨‍👩‍👧',
    ]) {
      expect(isVisibleText(text), text).toBe(true);
    }
    expect(isVisibleText('a\u200Db')).toBe(false);
    expect(isVisibleText('👍\u200D')).toBe(false);
  });
});

describe('staff notes', () => {
  it('get the same plain-text rules as a citizen, with a message that names the note', () => {
    for (const [field, name] of [
      ['note', 'Public note'],
      ['internalNote', 'Internal note'],
    ] as const) {
      for (const bad of ['pago\u202Eolatot', 'hidden\u200Btext', 'bell\u0007']) {
        const result = v.safeParse(StaffEventSchema, { status: 'in_progress', [field]: bad });
        expect(result.success, `${field}: ${JSON.stringify(bad)}`).toBe(false);
        const [issue] = translateIssues(result.issues ?? [], 'en');
        expect(issue?.path).toBe(field);
        expect(issue?.message).toContain(name);
      }
    }
    expect(
      v.safeParse(StaffEventSchema, { status: 'in_progress', note: 'Línea 1\nLínea 2\t👍' }).success,
    ).toBe(true);
  });
});

describe('catalog links', () => {
  const demo = JSON.parse(readFileSync(new URL('../../demo/catalogs/ec-mdt.json', import.meta.url), 'utf8'));
  const withLinks = (url: string) => ({
    ...demo,
    statusPageUrl: url,
    privacyNotice: { ...demo.privacyNotice, url },
  });

  it('refuse every scheme but http and https', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.org/x',
      '//evil.example/x',
    ]) {
      const result = v.safeParse(CatalogFileSchema, withLinks(url));
      expect(result.success, url).toBe(false);
      expect(result.issues?.map((i) => v.getDotPath(i))).toEqual(
        expect.arrayContaining(['statusPageUrl', 'privacyNotice.url']),
      );
    }
  });

  it('accept https, http and paths on this server', () => {
    for (const url of [
      'https://www.trabajo.gob.ec/privacidad',
      'http://intranet.local/estado',
      '/demo/estado.html',
    ]) {
      expect(v.safeParse(CatalogFileSchema, withLinks(url)).success, url).toBe(true);
    }
  });
});
