/**
 * Failures of the connection or the lock, not of a job: the writer retries the whole batch on a
 * fresh connection, so a job must let them through rather than treat them as its own failure.
 */
export function isRetryable(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? '') + String((error as Error)?.message ?? '');
  return /SQLITE_BUSY|SQLITE_LOCKED|database is locked|statements in progress|CLIENT_CLOSED|ECONNRESET|fetch failed/i.test(
    text,
  );
}
