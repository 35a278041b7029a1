import * as v from 'valibot';
import type { FileRequestInput } from '../../api/commands/file-request.ts';
import { valid } from '../fixtures/requests.ts';
import type { TestServices } from './services.ts';

/**
 * What the filing route hands the writer for MDT's complaint fixture (validated by the catalog's
 * schema), for tests that run the write job directly; `body` overrides fields of the fixture.
 */
export async function filingInput(
  t: TestServices,
  trackingCode: string,
  body: Record<string, unknown> = {},
): Promise<FileRequestInput> {
  const institution = await t.deps.catalogs.get('MDT');
  if (!institution) throw new Error('MDT is not seeded');
  const filing = v.parse(institution.filingSchema, { ...valid.mdtComplaint.body, ...body });
  const at = '2026-11-24T15:04:05Z';
  return {
    request: {
      institution: 'MDT',
      year: 2026,
      filing,
      trackingHash: `hash-${trackingCode}`,
      privacyVersion: institution.catalog.privacyNotice.version,
      dueDate: '2026-12-09',
      createdAt: at,
    },
    receipt: { trackingCode, createdAt: at, dueDate: '2026-12-09' },
    mail: false,
  };
}
