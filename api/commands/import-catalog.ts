import type { InStatement } from '@libsql/client';
import { isoSeconds } from '../domain/clock.ts';
import type { CatalogFile } from '../schema/catalog.ts';
import type { AppDatabase } from './index.ts';

/**
 * Writes a validated catalog: inserts or updates the institution and its rows, and deactivates rows
 * the new file no longer has (requests keep pointing at them, so they are never deleted).
 */
export async function importCatalog(db: AppDatabase, catalog: CatalogFile, at: Date): Promise<void> {
  const now = isoSeconds(at);
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO institutions (code, name, country, timezone, locales, allowed_origins, privacy_url,
                privacy_version, other_service_id, catalog_revision, updated_at, notification_email, status_page_url,
                retention_days, legal_clock)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
              ON CONFLICT (code) DO UPDATE SET name = excluded.name, country = excluded.country,
                timezone = excluded.timezone, locales = excluded.locales, allowed_origins = excluded.allowed_origins,
                privacy_url = excluded.privacy_url, privacy_version = excluded.privacy_version,
                other_service_id = excluded.other_service_id, catalog_revision = catalog_revision + 1,
                updated_at = excluded.updated_at, notification_email = excluded.notification_email,
                status_page_url = excluded.status_page_url, retention_days = excluded.retention_days,
                legal_clock = excluded.legal_clock`,
      args: [
        catalog.code,
        catalog.name,
        catalog.country,
        catalog.timezone,
        JSON.stringify(catalog.locales),
        JSON.stringify(catalog.allowedOrigins),
        catalog.privacyNotice.url,
        catalog.privacyNotice.version,
        catalog.otherServiceId ?? null,
        now,
        catalog.notificationEmail ?? null,
        catalog.statusPageUrl ?? null,
        catalog.retentionDays ?? null,
        catalog.legalClock ? JSON.stringify(catalog.legalClock) : null,
      ],
    },
    { sql: 'UPDATE request_types SET active = 0 WHERE institution = ?', args: [catalog.code] },
    { sql: 'UPDATE services SET active = 0 WHERE institution = ?', args: [catalog.code] },
    { sql: 'UPDATE document_types SET active = 0 WHERE institution = ?', args: [catalog.code] },
    // The attachment policy (CONTRACT §6), a statement of its own so the insert above stays as it is.
    {
      sql: 'UPDATE institutions SET attachments = ? WHERE code = ?',
      args: [catalog.attachments ? JSON.stringify(catalog.attachments) : null, catalog.code],
    },
  ];
  catalog.requestTypes.forEach((t, position) => {
    statements.push({
      sql: `INSERT INTO request_types (institution, code, name, description, response_days, anonymous_allowed,
                min_description_length, position, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
              ON CONFLICT (institution, code) DO UPDATE SET name = excluded.name, description = excluded.description,
                response_days = excluded.response_days, anonymous_allowed = excluded.anonymous_allowed,
                min_description_length = excluded.min_description_length, position = excluded.position, active = 1`,
      args: [
        catalog.code,
        t.code,
        JSON.stringify(t.name),
        JSON.stringify(t.description),
        t.responseDays,
        t.anonymousAllowed ? 1 : 0,
        t.minDescriptionLength ?? null,
        position,
      ],
    });
  });
  catalog.services.forEach((s, position) => {
    statements.push({
      sql: `INSERT INTO services (institution, id, name, description, request_types, position, active)
              VALUES (?, ?, ?, ?, ?, ?, 1)
              ON CONFLICT (institution, id) DO UPDATE SET name = excluded.name, description = excluded.description,
                request_types = excluded.request_types, position = excluded.position, active = 1`,
      args: [
        catalog.code,
        s.id,
        JSON.stringify(s.name),
        JSON.stringify(s.description),
        JSON.stringify(s.requestTypes),
        position,
      ],
    });
  });
  catalog.documentTypes.forEach((d, position) => {
    statements.push({
      sql: `INSERT INTO document_types (institution, code, name, format, position, active) VALUES (?, ?, ?, ?, ?, 1)
              ON CONFLICT (institution, code) DO UPDATE SET name = excluded.name, format = excluded.format,
                position = excluded.position, active = 1`,
      args: [catalog.code, d.code, JSON.stringify(d.name), d.format, position],
    });
  });
  await db.writer.run('statements', statements);
}
