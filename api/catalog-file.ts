import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import type { Database } from './db/client.ts';
import { countInstitutions, importCatalog } from './db/institutions.ts';
import type { Clock } from './domain/clock.ts';
import { type CatalogFile, CatalogFileSchema } from './schema/catalog.ts';

export const DEMO_CATALOGS_DIR = join(import.meta.dirname, '..', 'demo', 'catalogs');

export class CatalogFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogFileError';
  }
}

/** Reads and validates a catalog file; every problem is reported with its JSON path. */
export function readCatalogFile(file: string): CatalogFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogFileError(file, [`not readable JSON: ${(error as Error).message}`]);
  }
  const result = v.safeParse(CatalogFileSchema, data);
  if (!result.success) {
    throw new CatalogFileError(
      file,
      result.issues.map((issue) => {
        const path = v.getDotPath(issue) ?? '(root)';
        return `${path}: ${issue.message}`;
      }),
    );
  }
  return result.output;
}

/** Imports the demo institutions when the database has none yet; returns the codes imported. */
export async function seedDemoCatalogs(db: Database, now: Clock): Promise<string[]> {
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
