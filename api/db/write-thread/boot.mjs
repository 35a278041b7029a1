// The write thread's entry. On Node 20 a worker thread does not get tsx's loader from the parent's
// flags (and vitest compiles TypeScript its own way), so register it here, then load the module
// that serves the jobs (see protocol.ts, WriteThreadData.entry).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
