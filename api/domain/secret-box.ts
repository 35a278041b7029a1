import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption (AES-256-GCM) of what the database must keep but must not show to
 * whoever reads its file: the tracking code in an idempotency replay and in an unsent
 * acknowledgement, webhook signing secrets, the ALTCHA signing keys. The key comes from
 * `SECRET_KEY` (config.ts); `SECRET_KEY_PREVIOUS` still opens what the old key sealed, so a key
 * can be rotated without downtime (`npm run cli -- secrets rotate` re-seals everything).
 *
 * A sealed value is text: `enc:v1:<key id>:<iv>:<ciphertext and tag>` (base64url). The key id is a
 * hash prefix of the key, so a rotation knows what is still under the old one. Text without the
 * prefix is an old plain value (from before encryption): it opens as itself until a rotation seals it.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
  /** Whether a stored value is sealed with the current key (false for plain and for older keys). */
  isCurrent(stored: string): boolean;
}

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;

/**
 * A fresh random IV per seal, handed out from a block of random bytes drawn at once: every filing
 * seals its tracking code, and one call to the random generator per IV cost most of the seal.
 * Each slice is used once and a block is never refilled in place, so IVs stay unique and unpredictable.
 */
const IV_BLOCK = IV_BYTES * 512;
let ivBlock = Buffer.alloc(0);
let ivOffset = 0;
function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivBlock.length) {
    ivBlock = randomBytes(IV_BLOCK);
    ivOffset = 0;
  }
  const iv = ivBlock.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/** A key of any length ≥ 32 bytes, turned into exactly the 32 bytes AES-256 needs. */
function aesKey(raw: Uint8Array): Buffer {
  return createHash('sha256').update('contacto-ciudadano secret-box v1').update(raw).digest();
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function createSecretBox(current: Uint8Array, previous: Uint8Array[] = []): SecretBox {
  const key = aesKey(current);
  const id = keyId(key);
  const keys = new Map<string, Buffer>([[id, key]]);
  for (const raw of previous) {
    const k = aesKey(raw);
    if (!keys.has(keyId(k))) keys.set(keyId(k), k);
  }
  // The key id is authenticated too: a value cannot be passed off as sealed by another key.
  const aad = Buffer.from(id);
  return {
    seal(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${id}:${iv.toString('base64url')}:${body.toString('base64url')}`;
    },
    open(stored) {
      if (!isSealed(stored)) return stored;
      const [kid, ivText, bodyText] = stored.slice(PREFIX.length).split(':');
      const k = kid ? keys.get(kid) : undefined;
      if (!k || !ivText || !bodyText)
        throw new SecretBoxError(
          'a stored secret was sealed with a key that is neither SECRET_KEY nor SECRET_KEY_PREVIOUS',
        );
      const body = Buffer.from(bodyText, 'base64url');
      if (body.length < 16) throw new SecretBoxError('a stored secret is damaged');
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(ivText, 'base64url'));
        decipher.setAAD(Buffer.from(kid as string));
        decipher.setAuthTag(body.subarray(body.length - 16));
        return Buffer.concat([
          decipher.update(body.subarray(0, body.length - 16)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new SecretBoxError('a stored secret is damaged or was sealed with another key');
      }
    },
    isCurrent(stored) {
      return stored.startsWith(`${PREFIX}${id}:`);
    },
  };
}
