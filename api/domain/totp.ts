import { generateSecret, generateURI, verifySync } from 'otplib';

/**
 * TOTP (RFC 6238, otplib's defaults: SHA-1, 6 digits, 30 s) on the application's clock. A code is
 * accepted one step either side (clocks of phones drift); the step it matched is returned so the
 * caller can refuse a code used before.
 */
export const TOTP_PERIOD = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: 'Contacto Ciudadano', label: email, secret });
}

/** The time step the code is valid for at `now`, or null. */
export function checkTotp(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = verifySync({ secret, token: code, epoch, epochTolerance: TOTP_PERIOD });
  if (!result.valid) return null;
  return 'timeStep' in result ? result.timeStep : Math.floor(epoch / TOTP_PERIOD) + result.delta;
}
