import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importCatalog } from '../commands/import-catalog.ts';
import type { AppDatabase } from '../commands/index.ts';
import { countInstitutions } from '../db/institutions.ts';
import type { Clock } from '../domain/clock.ts';
import { readCatalogFile } from './file.ts';

export const DEMO_CATALOGS_DIR = join(import.meta.dirname, '..', '..', 'demo', 'catalogs');

/** Imports the demo institutions when the database has none yet; returns the codes imported. */
export async function seedDemoCatalogs(db: AppDatabase, now: Clock): Promise<string[]> {
  if ((await countInstitutions(db.read)) > 0) return [];
  const files = readdirSync(DEMO_CATALOGS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const codes: string[] = [];
  for (const file of files) {
    const catalog = readCatalogFile(join(DEMO_CATALOGS_DIR, file));
    await importCatalog(db, catalog, now());
    codes.push(catalog.code);
  }
  return codes;
}
