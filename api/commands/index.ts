import type { Database } from '../db/database.ts';
import type { JobInput, JobOutput, JobSet } from '../db/types.ts';
import { anonymizeExpired, anonymizeRequest } from './anonymize-request.ts';
import { fileRequest } from './file-request.ts';
import { citizenReply, citizenWithdrawal, rateAnswer } from './life/citizen.ts';
import { sweepReplyDeadlines } from './life/reply-deadlines.ts';
import { extendDeadline, transferRequest } from './life/staff.ts';
import { claimOutbox, settleOutbox } from './outbox-delivery.ts';
import * as accounts from './people-accounts.ts';
import { appendAudit } from './people-audit.ts';
import * as passkeys from './people-passkeys.ts';
import * as sessions from './people-sessions.ts';
import * as units from './people-units.ts';
import { purgeExpired } from './purge-expired.ts';
import { staffEvent } from './staff-event.ts';
import { migration, statements } from './statements.ts';
import { beginUpload, discardUpload, finishUpload, putUploadChunk } from './uploads.ts';
import { addWebhook, revokeWebhook } from './webhooks.ts';

/**
 * Every write the application makes, by name: the jobs the database's writer runs (see
 * runner.ts). Writes run where the write connection is: for a database file that is a worker
 * thread, so a command is a name and a structured-cloneable input, never a closure, and it returns
 * plain data. Each runs inside the writer's shared transaction (see db/group-commit.ts): it may
 * read, decide and write, and either all of it commits or none of it. What a command refuses
 * (a spent captcha, a forbidden transition) it returns as an outcome; the route decides the HTTP.
 */
export const commands = {
  statements,
  migration,
  /** Filings queued together run as one job instead (runner.ts); this is the one-filing form. */
  fileRequest,
  staffEvent,
  claimOutbox,
  settleOutbox,
  purgeExpired,
  anonymizeRequest,
  anonymizeExpired,
  beginUpload,
  putUploadChunk,
  finishUpload,
  discardUpload,
  // Sign-in, accounts, units, routing and the audit log (issue 19).
  appendAudit,
  signIn: sessions.signIn,
  touchSession: sessions.touchSession,
  signOut: sessions.signOut,
  signOutEverywhere: sessions.signOutEverywhere,
  totpSetup: sessions.totpSetup,
  totpEnable: sessions.totpEnable,
  createAccount: accounts.createAccount,
  createLink: accounts.createLink,
  useLink: accounts.useLink,
  updateAccount: accounts.updateAccount,
  createUnit: units.createUnit,
  updateUnit: units.updateUnit,
  setRouting: units.setRouting,
  assignRequest: units.assignRequest,
  saveChallenge: passkeys.saveChallenge,
  takeChallenge: passkeys.takeChallenge,
  addPasskey: passkeys.addPasskey,
  passkeySignIn: passkeys.passkeySignIn,
  citizenReply,
  citizenWithdrawal,
  rateAnswer,
  extendDeadline,
  transferRequest,
  sweepReplyDeadlines,
  // The institution's webhooks (the CLI and the admin's screen).
  addWebhook,
  revokeWebhook,
} satisfies JobSet;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = JobInput<Commands, N>;
export type CommandOutput<N extends CommandName> = JobOutput<Commands, N>;

/** The application's database: `db.writer.run(name, input)` runs these commands. */
export type AppDatabase = Database<Commands>;
