import type { InStatement } from '@libsql/client';
import type { CatalogFile, InstitutionSummary } from '../schema/catalog.ts';
import type { Database } from './client.ts';
import type { Reader } from './file-connection.ts';
import { json, num, numOrNull, str, strOrNull } from './rows.ts';

/** An institution as the API uses it: its catalog file plus what the database adds. */
export interface InstitutionRecord {
  catalog: CatalogFile;
  revision: number;
  updatedAt: string;
}

/**
 * Writes a validated catalog: inserts or updates the institution and its rows, and deactivates rows
 * the new file no longer has (requests keep pointing at them, so they are never deleted).
 */
export async function importCatalog(db: Database, catalog: CatalogFile, at: Date): Promise<void> {
  const now = at.toISOString();
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO institutions (code, name, country, timezone, locales, allowed_origins, privacy_url,
                privacy_version, other_service_id, catalog_revision, updated_at, notification_email, status_page_url)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
              ON CONFLICT (code) DO UPDATE SET name = excluded.name, country = excluded.country,
                timezone = excluded.timezone, locales = excluded.locales, allowed_origins = excluded.allowed_origins,
                privacy_url = excluded.privacy_url, privacy_version = excluded.privacy_version,
                other_service_id = excluded.other_service_id, catalog_revision = catalog_revision + 1,
                updated_at = excluded.updated_at, notification_email = excluded.notification_email,
                status_page_url = excluded.status_page_url`,
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
      ],
    },
    { sql: 'UPDATE request_types SET active = 0 WHERE institution = ?', args: [catalog.code] },
    { sql: 'UPDATE services SET active = 0 WHERE institution = ?', args: [catalog.code] },
    { sql: 'UPDATE document_types SET active = 0 WHERE institution = ?', args: [catalog.code] },
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

export async function listInstitutions(client: Reader): Promise<InstitutionSummary[]> {
  const result = await client.execute('SELECT code, name, country FROM institutions ORDER BY name');
  return result.rows.map((row) => ({
    code: str(row, 'code'),
    name: str(row, 'name'),
    country: str(row, 'country') as InstitutionSummary['country'],
  }));
}

export async function countInstitutions(client: Reader): Promise<number> {
  const result = await client.execute('SELECT count(*) AS n FROM institutions');
  return num(result.rows[0], 'n');
}

/** Reads one institution's active catalog, or null when the code is unknown. */
export async function loadInstitution(client: Reader, code: string): Promise<InstitutionRecord | null> {
  const [institution, types, services, documents] = await client.batch(
    [
      { sql: 'SELECT * FROM institutions WHERE code = ?', args: [code] },
      {
        sql: 'SELECT * FROM request_types WHERE institution = ? AND active = 1 ORDER BY position',
        args: [code],
      },
      { sql: 'SELECT * FROM services WHERE institution = ? AND active = 1 ORDER BY position', args: [code] },
      {
        sql: 'SELECT * FROM document_types WHERE institution = ? AND active = 1 ORDER BY position',
        args: [code],
      },
    ],
    'read',
  );
  const row = institution?.rows[0];
  if (!row || !types || !services || !documents) return null;
  const otherServiceId = strOrNull(row, 'other_service_id');
  const catalog: CatalogFile = {
    code: str(row, 'code'),
    name: str(row, 'name'),
    country: str(row, 'country') as CatalogFile['country'],
    timezone: str(row, 'timezone'),
    locales: json(row, 'locales'),
    allowedOrigins: json(row, 'allowed_origins'),
    ...(otherServiceId ? { otherServiceId } : {}),
    privacyNotice: { url: str(row, 'privacy_url'), version: str(row, 'privacy_version') },
    requestTypes: types.rows.map((t) => {
      const min = numOrNull(t, 'min_description_length');
      return {
        code: str(t, 'code'),
        name: json(t, 'name'),
        description: json(t, 'description'),
        responseDays: numOrNull(t, 'response_days'),
        anonymousAllowed: num(t, 'anonymous_allowed') === 1,
        ...(min ? { minDescriptionLength: min } : {}),
      };
    }),
    services: services.rows.map((s) => ({
      id: str(s, 'id'),
      name: json(s, 'name'),
      description: json(s, 'description'),
      requestTypes: json(s, 'request_types'),
    })),
    documentTypes: documents.rows.map((d) => ({
      code: str(d, 'code'),
      name: json(d, 'name'),
      format: str(d, 'format') as CatalogFile['documentTypes'][number]['format'],
    })),
  };
  return { catalog, revision: num(row, 'catalog_revision'), updatedAt: str(row, 'updated_at') };
}
