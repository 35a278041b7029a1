import { parentPort, workerData } from 'node:worker_threads';
import { GroupCommitWriter } from '../group-commit.ts';
import type { JobSet, Writer } from '../types.ts';
import { fileWriteConnection } from '../write-connection.ts';
import {
  serializeError,
  type ThreadMessage,
  type ThreadResult,
  type ThreadResults,
  type WriteThreadData,
} from './protocol.ts';

/**
 * The write thread of a database file: the group-commit writer and its connection live here, so
 * SQLite's work on a batch (the inserts, the indexes, the fsync of the commit) runs on another
 * core while the main thread goes on parsing, validating and answering requests. Called once by
 * the thread's entry module with the jobs it serves, put on this thread's writer.
 */
export function serveWriteThread<J extends JobSet>(jobsOn: (writer: GroupCommitWriter) => Writer<J>): void {
  const { path, busyTimeoutMs } = workerData as WriteThreadData;
  const writer = new GroupCommitWriter(() => fileWriteConnection(path, busyTimeoutMs));
  const jobs = jobsOn(writer);
  if (!parentPort) throw new Error('serveWriteThread runs in a worker thread');
  const port = parentPort;

  let results: ThreadResult[] = [];
  function reply(result: ThreadResult) {
    results.push(result);
    // A batch's jobs settle together; answer them in one message once they all have.
    if (results.length === 1) {
      setImmediate(() => {
        port.postMessage({ type: 'results', results, stats: writer.stats } satisfies ThreadResults);
        results = [];
      });
    }
  }

  port.on('message', (message: ThreadMessage) => {
    if (message.type === 'jobs') {
      for (const { id, name, input } of message.jobs) {
        jobs.run(name as keyof J & string, input as never).then(
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
}
