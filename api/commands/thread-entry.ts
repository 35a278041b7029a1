import { serveWriteThread } from '../db/write-thread/worker-side.ts';
import type { Commands } from './index.ts';
import { CommandRunner } from './runner.ts';

// The write thread's module for a database file (loaded by db/write-thread/boot.mjs): the
// application's commands, on the thread's own group-commit writer.
serveWriteThread<Commands>((writer) => new CommandRunner(writer));
