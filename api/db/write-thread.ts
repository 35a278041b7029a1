import { parentPort, workerData } from 'node:worker_threads';
import { JobRunner } from './job-runner.ts';
import type { ThreadMessage, ThreadResult } from './thread-writer.ts';
import { type JobName, serializeError } from './write-jobs.ts';
import { fileWriteConnection, GroupCommitWriter } from './writer.ts';

/**
 * The write thread of a database file: the group-commit writer and its connection live here, so
 * SQLite's work on a batch (the inserts, the indexes, the fsync of the commit) runs on another
 * core while the main thread goes on parsing, validating and answering requests.
 */
const { path, busyTimeoutMs } = workerData as { path: string; busyTimeoutMs: number };
const writer = new GroupCommitWriter(() => fileWriteConnection(path, busyTimeoutMs));
const jobs = new JobRunner(writer);
if (!parentPort) throw new Error('write-thread.ts runs as a worker thread');
const port = parentPort;

let results: ThreadResult[] = [];
function reply(result: ThreadResult) {
  results.push(result);
  // A batch's jobs settle together; answer them in one message once they all have.
  if (results.length === 1) {
    setImmediate(() => {
      port.postMessage({ type: 'results', results, stats: writer.stats });
      results = [];
    });
  }
}

port.on('message', (message: ThreadMessage) => {
  if (message.type === 'jobs') {
    for (const { id, name, input } of message.jobs) {
      jobs.run(name as JobName, input as never).then(
        (value) => reply({ id, ok: true, value }),
        (error) => reply({ id, ok: false, error: serializeError(error) }),
      );
    }
  } else if (message.type === 'close') {
    writer.close().then(
      () => setImmediate(() => port.close()),
      () => setImmediate(() => port.close()),
    );
  }
});
