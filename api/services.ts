import type { Logger } from 'pino';
import { createApp } from './app.ts';
import type { Deps } from './app-env.ts';
import type { AltchaOptions } from './captcha/altcha.ts';
import { createCaptcha } from './captcha/index.ts';
import { createCatalogCache } from './catalog/cache.ts';
import { seedDemoCatalogs } from './catalog/seed-demo.ts';
import { migrate } from './commands/migrate.ts';
import { appCommands } from './commands/runner.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { type Clock, isoSeconds, systemClock } from './domain/clock.ts';
import { createSecretBox } from './domain/secret-box.ts';
import { createAuditQueue } from './http/audit-queue.ts';
import { createLogger } from './logger.ts';
import { createAccountMailer } from './outbox/account-mail.ts';
import { createDispatcher } from './outbox/dispatcher.ts';
import { seedDemoPeople } from './people/seed-demo.ts';

export interface ServiceOptions {
  logger?: Logger;
  /** The application's clock (see domain/clock.ts); the system clock unless a test sets one. */
  now?: Clock;
  /** Tests shrink the ALTCHA work so that solving takes milliseconds. */
  altcha?: Partial<AltchaOptions>;
  /** `manual`: the outbox is delivered only when `dispatcher.runOnce()` is called (tests). */
  outbox?: 'auto' | 'manual';
}

/**
 * Opens the database, migrates it, seeds the demo when asked, and builds the app. Shared by the
 * server and the tests, so tests run exactly what production runs.
 */
export async function createServices(config: Config, options: ServiceOptions = {}) {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = openDatabase(
    {
      url: config.databaseUrl,
      ...(config.databaseAuthToken ? { authToken: config.databaseAuthToken } : {}),
    },
    appCommands,
  );
  const now = options.now ?? systemClock;
  const secrets = createSecretBox(config.secretKey, config.secretKeyPrevious);
  if (config.secretKeyIsDev) {
    logger.warn('SECRET_KEY is not set: using the demo key, which is public (set SECRET_KEY in production)');
  }
  try {
    const applied = await migrate(db, now);
    if (applied.length) logger.info({ migrations: applied }, 'database migrated');
    if (config.seedDemo) {
      const seeded = await seedDemoCatalogs(db, now);
      if (seeded.length) logger.info({ institutions: seeded }, 'demo catalogs seeded');
      // Demo accounts have a public password: never in production, even with SEED_DEMO.
      const people = config.production ? 0 : await seedDemoPeople(db, now);
      if (people) logger.info({ accounts: people }, 'demo accounts seeded');
    }
    const captcha = await createCaptcha(config.captcha, db, secrets, now, options.altcha);
    const deps: Deps = {
      config,
      db,
      captcha,
      catalogs: createCatalogCache(db.read, captcha.provider, config.publicUrl),
      logger,
      now,
      secrets,
      audit: createAuditQueue(db, logger),
      mailer: createAccountMailer(config.outbox),
    };
    const app = createApp(deps);
    const dispatcher = createDispatcher({
      db,
      config: config.outbox,
      publicUrl: config.publicUrl,
      logger,
      now,
      secrets,
      webhookAllowLoopback: config.webhookAllowLoopback,
    });
    if (options.outbox !== 'manual') dispatcher.start();
    /**
     * The hourly maintenance, on the application's clock: drops expired captcha records and
     * day-old idempotency keys (they protect nothing), then anonymises the closed requests whose
     * institution's retention period has passed, a page per write job, and truncates the WAL so
     * the erased bytes leave the files too.
     */
    async function maintain(): Promise<{ anonymized: number }> {
      const at = isoSeconds(now());
      await db.writer.run('purgeExpired', { now: at });
      // Requests for information: reminders before replyBy, tacit withdrawals after it (issue 17).
      const replies = await db.writer.run('sweepReplyDeadlines', {
        now: at,
        mail: Boolean(config.outbox.smtpUrl),
      });
      let anonymized = 0;
      for (;;) {
        const { tickets, more } = await db.writer.run('anonymizeExpired', { now: at });
        anonymized += tickets.length;
        if (!more) break;
      }
      if (anonymized > 0) logger.info({ anonymized }, 'requests anonymised after their retention period');
      // Every hour, not only after this sweep: an anonymisation whose own checkpoint was busy gets
      // its erased bytes out of the WAL here.
      if (!(await db.checkpoint())) logger.warn('WAL checkpoint busy; tried again next hour');
      if (replies.reminded.length || replies.withdrawn.length) {
        logger.info(
          { reminded: replies.reminded.length, withdrawn: replies.withdrawn.length },
          'requests for information: reminders and tacit withdrawals',
        );
      }
      return { anonymized };
    }
    const purge = setInterval(
      () => maintain().catch((err) => logger.warn({ err }, 'maintenance failed')),
      3600_000,
    );
    purge.unref();
    return {
      app,
      deps,
      dispatcher,
      maintain,
      async close() {
        clearInterval(purge);
        await dispatcher.stop();
        await deps.audit.flush().catch(() => {});
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
