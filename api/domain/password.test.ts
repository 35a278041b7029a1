import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import { checkTotp, newTotpSecret, totpUri } from './totp.ts';

describe('passwords', () => {
  it('hashes with scrypt, its parameters and a salt of its own, and verifies', async () => {
    const one = await hashPassword('una clave larga');
    const two = await hashPassword('una clave larga');
    expect(one).toMatch(/^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(one).not.toBe(two);
    expect(await verifyPassword('una clave larga', one)).toBe(true);
    expect(await verifyPassword('una clave largo', one)).toBe(false);
    // NFC and NFD spellings of the same text are the same password.
    expect(await verifyPassword('contraseña'.normalize('NFD'), await hashPassword('contraseña'))).toBe(true);
  });

  it('never matches a malformed stored value, and the dummy hash matches nothing typed', async () => {
    for (const stored of ['', 'plain', 'scrypt$N=0,r=8,p=1$aa$bb', 'bcrypt$x$y$z']) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
    expect(await verifyPassword('', await dummyHash())).toBe(false);
  });
});

describe('TOTP', () => {
  it('accepts a code of now or one step either side, on the given clock, and says which step', () => {
    const secret = newTotpSecret();
    const at = new Date('2026-11-24T15:04:05Z');
    const epoch = Math.floor(at.getTime() / 1000);
    const step = Math.floor(epoch / 30);
    expect(checkTotp(secret, generateSync({ secret, epoch }), at)).toBe(step);
    expect(checkTotp(secret, generateSync({ secret, epoch: epoch - 30 }), at)).toBe(step - 1);
    expect(checkTotp(secret, generateSync({ secret, epoch: epoch - 90 }), at)).toBeNull();
    expect(checkTotp(secret, 'abcdef', at)).toBeNull();
    expect(totpUri(secret, 'ana@mdt.demo')).toMatch(
      /^otpauth:\/\/totp\/Contacto%20Ciudadano:ana%40mdt\.demo\?/,
    );
  });
});
