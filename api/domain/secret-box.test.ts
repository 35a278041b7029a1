import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, isSealed, SecretBoxError } from './secret-box.ts';

describe('secret box', () => {
  const key = randomBytes(32);

  it('seals into text that does not contain the secret and opens it again', () => {
    const box = createSecretBox(key);
    const sealed = box.seal('K7Q2-9XMP-4TZD');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('K7Q2');
    expect(box.open(sealed)).toBe('K7Q2-9XMP-4TZD');
    expect(box.seal('K7Q2-9XMP-4TZD')).not.toBe(sealed); // a fresh IV each time
    expect(box.isCurrent(sealed)).toBe(true);
  });

  it('never reuses an IV, across the blocks of random bytes it draws them from', () => {
    const box = createSecretBox(key);
    // Well past one block (512 IVs), so the refill is crossed more than once.
    const sealed = Array.from({ length: 1500 }, (_, i) => box.seal(`code-${i}`));
    const ivs = new Set(sealed.map((s) => s.split(':')[3]));
    expect(ivs.size).toBe(1500);
    expect(sealed.map((s) => box.open(s))).toEqual(sealed.map((_, i) => `code-${i}`));
  });

  it('refuses a value sealed with another key, and one tampered with', () => {
    const sealed = createSecretBox(key).seal('secret');
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(SecretBoxError);
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(() => createSecretBox(key).open(tampered)).toThrow(SecretBoxError);
  });

  it('opens with the previous key after a rotation, and says it is not current', () => {
    const old = createSecretBox(key);
    const sealed = old.seal('secret');
    const rotated = createSecretBox(randomBytes(32), [key]);
    expect(rotated.open(sealed)).toBe('secret');
    expect(rotated.isCurrent(sealed)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('x'))).toBe(true);
  });

  it('opens an old plain value as itself (until a rotation seals it)', () => {
    const box = createSecretBox(key);
    expect(box.open('whsec_plain')).toBe('whsec_plain');
    expect(box.isCurrent('whsec_plain')).toBe(false);
  });
});
