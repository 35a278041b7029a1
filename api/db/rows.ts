import type { Row } from '@libsql/client';

// Small readers for libSQL rows, whose values are typed as a union of every SQL type.

export function str(row: Row | undefined, column: string): string {
  const value = row?.[column];
  if (typeof value !== 'string') throw new Error(`column ${column} is not text`);
  return value;
}

export function strOrNull(row: Row | undefined, column: string): string | null {
  const value = row?.[column];
  return value === null || value === undefined ? null : String(value);
}

export function num(row: Row | undefined, column: string): number {
  return Number(row?.[column]);
}

export function numOrNull(row: Row | undefined, column: string): number | null {
  const value = row?.[column];
  return value === null || value === undefined ? null : Number(value);
}

export function json<T>(row: Row | undefined, column: string): T {
  return JSON.parse(str(row, column)) as T;
}
