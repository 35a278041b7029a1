import type { AttachmentPolicy, LocalizedText } from '#schema';
import { call } from './api.ts';
import { locale } from './locales/index.ts';

/** What the back office reads of an institution's public catalog (`GET /institutions/{code}`). */
export interface CatalogView {
  code: string;
  name: string;
  country: string;
  timezone: string;
  requestTypes: { code: string; name: LocalizedText; responseDays: number | null }[];
  services: { id: string; name: LocalizedText }[];
  /** The files it accepts; absent: none (no upload is offered). */
  attachments?: AttachmentPolicy;
}

const cache = new Map<string, Promise<CatalogView>>();

/** The catalog, fetched once per visit (the server sends it with an ETag). */
export function catalogOf(code: string): Promise<CatalogView> {
  let pending = cache.get(code);
  if (!pending) {
    pending = call<CatalogView>(`/api/v1/institutions/${encodeURIComponent(code)}`);
    pending.catch(() => cache.delete(code));
    cache.set(code, pending);
  }
  return pending;
}

export const localized = (text: LocalizedText | undefined, fallback: string) =>
  text ? (text[locale()] ?? text.es ?? fallback) : fallback;

export function typeName(catalog: CatalogView | null, code: string): string {
  return localized(catalog?.requestTypes.find((type) => type.code === code)?.name, code);
}

export function serviceName(catalog: CatalogView | null, id: string): string {
  return localized(catalog?.services.find((service) => service.id === id)?.name, id);
}
