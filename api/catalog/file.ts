import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { type CatalogFile, CatalogFileSchema } from '../schema/catalog.ts';

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
