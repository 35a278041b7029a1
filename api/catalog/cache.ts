import { createHash } from 'node:crypto';
import type { CaptchaProvider } from '../captcha/types.ts';
import { type InstitutionRecord, loadInstitution } from '../db/institutions.ts';
import type { Reader } from '../db/types.ts';
import { profileFor } from '../domain/legal-clock/index.ts';
import { compressBody, type Encoding } from '../http/compression.ts';
import { absoluteLink, type Catalog } from '../schema/catalog.ts';
import { createFilingSchema } from '../schema/filing.ts';

export interface CachedInstitution extends InstitutionRecord {
  /** The public catalog document and its strong ETag, computed once per revision. */
  publicBody: string;
  etag: string;
  /** The document compressed at the highest level, once per revision and encoding. */
  encoded(encoding: Encoding): Promise<Uint8Array<ArrayBuffer>>;
  filingSchema: ReturnType<typeof createFilingSchema>;
}

/** A catalog is read by every page that embeds the widget: worth the slowest, smallest compression. */
function encoder(body: string): CachedInstitution['encoded'] {
  const bytes = new TextEncoder().encode(body);
  const done = new Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>();
  return (encoding) => {
    let value = done.get(encoding);
    if (!value) {
      value = compressBody(bytes, encoding, 11).then((buffer) => new Uint8Array(buffer));
      done.set(encoding, value);
    }
    return value;
  };
}

/**
 * Institutions are read on every filing and catalog request but change only when a catalog is
 * imported. They are cached per process for `ttlMs`, so an import made by the CLI (another process)
 * is served within that time without any signalling between processes.
 */
export function createCatalogCache(read: Reader, captcha: CaptchaProvider, publicUrl: string, ttlMs = 5_000) {
  const entries = new Map<string, { at: number; value: Promise<CachedInstitution | null> }>();
  // The compressed bodies outlive the 5-second reloads as long as the document does not change.
  const encoders = new Map<string, { etag: string; encoded: CachedInstitution['encoded'] }>();

  async function load(code: string): Promise<CachedInstitution | null> {
    const record = await loadInstitution(read, code);
    if (!record) return null;
    const { allowedOrigins: _origins, legalClock: settings, ...rest } = record.catalog;
    const publicCatalog: Catalog = {
      ...rest,
      legalClock: profileFor(rest.country, settings),
      privacyNotice: { ...rest.privacyNotice, url: absoluteLink(rest.privacyNotice.url, publicUrl) },
      captcha: captcha.publicConfig,
    };
    const publicBody = JSON.stringify(publicCatalog);
    const etag = `"${createHash('sha256').update(publicBody).digest('base64url').slice(0, 27)}"`;
    let known = encoders.get(code);
    if (known?.etag !== etag) {
      known = { etag, encoded: encoder(publicBody) };
      encoders.set(code, known);
    }
    return {
      ...record,
      publicBody,
      etag,
      encoded: known.encoded,
      filingSchema: createFilingSchema(record.catalog),
    };
  }

  return {
    get(code: string): Promise<CachedInstitution | null> {
      const now = performance.now();
      const hit = entries.get(code);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = load(code).catch((error) => {
        entries.delete(code);
        throw error;
      });
      // Cap memory against lookups of made-up codes.
      if (entries.size > 10_000) {
        entries.clear();
        encoders.clear();
      }
      entries.set(code, { at: now, value });
      return value;
    },
    clear(): void {
      entries.clear();
    },
  };
}
export type CatalogCache = ReturnType<typeof createCatalogCache>;
