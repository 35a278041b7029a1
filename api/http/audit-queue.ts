import type { Logger } from 'pino';
import type { AppDatabase } from '../commands/index.ts';
import type { AuditEntry } from '../commands/people-audit.ts';

export interface AuditQueue {
  /**
   * Queues an entry; entries queued in the same turn of the event loop go to the writer as one
   * job (one statement each, one commit for all). The promise settles when they are committed:
   * an action awaits it before answering, a read does not (its answer never waits for the log).
   */
  record(entry: AuditEntry): Promise<void>;
  /** Waits until everything queued so far is committed (the audit reader, shutdown). */
  flush(): Promise<void>;
}

export function createAuditQueue(db: AppDatabase, logger: Pick<Logger, 'error'>): AuditQueue {
  let pending: { entry: AuditEntry; resolve(): void; reject(error: unknown): void }[] = [];
  let scheduled: Promise<void> | null = null;
  const inflight = new Set<Promise<void>>();

  async function write(batch: typeof pending) {
    try {
      await db.writer.run(
        'appendAudit',
        batch.map((b) => b.entry),
      );
      for (const b of batch) b.resolve();
    } catch (error) {
      logger.error({ err: error, entries: batch.length }, 'audit entries could not be written');
      for (const b of batch) b.reject(error);
    }
  }

  function schedule() {
    scheduled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      scheduled = null;
      const batch = pending;
      pending = [];
      const job = write(batch);
      inflight.add(job);
      return job.finally(() => inflight.delete(job));
    });
  }

  return {
    record(entry) {
      const done = new Promise<void>((resolve, reject) => pending.push({ entry, resolve, reject }));
      schedule();
      return done;
    },
    async flush() {
      if (scheduled) await scheduled;
      await Promise.all([...inflight]);
    },
  };
}
