import { createHash } from 'node:crypto';
import type { CaptchaProvider } from '../captcha/types.ts';
import { type InstitutionRecord, loadInstitution } from '../db/institutions.ts';
import type { Reader } from '../db/types.ts';
import { absoluteLink, type Catalog } from '../schema/catalog.ts';
import { createFilingSchema } from '../schema/filing.ts';

export interface CachedInstitution extends InstitutionRecord {
  /** The public catalog document and its strong ETag, computed once per revision. */
  publicBody: string;
  etag: string;
  filingSchema: ReturnType<typeof createFilingSchema>;
}

/**
 * Institutions are read on every filing and catalog request but change only when a catalog is
 * imported. They are cached per process for `ttlMs`, so an import made by the CLI (another process)
 * is served within that time without any signalling between processes.
 */
export function createCatalogCache(read: Reader, captcha: CaptchaProvider, publicUrl: string, ttlMs = 5_000) {
  const entries = new Map<string, { at: number; value: Promise<CachedInstitution | null> }>();

  async function load(code: string): Promise<CachedInstitution | null> {
    const record = await loadInstitution(read, code);
    if (!record) return null;
    const { allowedOrigins: _origins, ...rest } = record.catalog;
    const publicCatalog: Catalog = {
      ...rest,
      privacyNotice: { ...rest.privacyNotice, url: absoluteLink(rest.privacyNotice.url, publicUrl) },
      captcha: captcha.publicConfig,
    };
    const publicBody = JSON.stringify(publicCatalog);
    const etag = `"${createHash('sha256').update(publicBody).digest('base64url').slice(0, 27)}"`;
    return { ...record, publicBody, etag, filingSchema: createFilingSchema(record.catalog) };
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
      if (entries.size > 10_000) entries.clear();
      entries.set(code, { at: now, value });
      return value;
    },
    clear(): void {
      entries.clear();
    },
  };
}
export type CatalogCache = ReturnType<typeof createCatalogCache>;
