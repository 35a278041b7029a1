import type { CatalogFile, InstitutionSummary } from '../schema/catalog.ts';
import { json, num, numOrNull, str, strOrNull } from './rows.ts';
import type { Reader } from './types.ts';

/** An institution as the API uses it: its catalog file plus what the database adds. */
export interface InstitutionRecord {
  catalog: CatalogFile;
  revision: number;
  updatedAt: string;
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
  const retentionDays = numOrNull(row, 'retention_days');
  const attachments = strOrNull(row, 'attachments');
  const legalClock = strOrNull(row, 'legal_clock');
  const catalog: CatalogFile = {
    code: str(row, 'code'),
    name: str(row, 'name'),
    country: str(row, 'country') as CatalogFile['country'],
    timezone: str(row, 'timezone'),
    locales: json(row, 'locales'),
    allowedOrigins: json(row, 'allowed_origins'),
    ...(otherServiceId ? { otherServiceId } : {}),
    ...(retentionDays ? { retentionDays } : {}),
    ...(attachments
      ? { attachments: JSON.parse(attachments) as NonNullable<CatalogFile['attachments']> }
      : {}),
    ...(legalClock ? { legalClock: JSON.parse(legalClock) } : {}),
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
