import {
  type FileRequestInput,
  type FileRequestOutcome,
  fileRequests,
  type JobInput,
  type JobName,
  type JobOutput,
  writeJobs,
} from './write-jobs.ts';
import type { GroupCommitWriter } from './writer.ts';

interface QueuedFiling {
  input: FileRequestInput;
  resolve(value: FileRequestOutcome): void;
  reject(error: unknown): void;
}

/** Filings queued one after another, run as one job (see JobRunner). */
interface Lane {
  filings: QueuedFiling[];
}

/** More filings than this start another lane: bounds one job's statement and its retry. */
const MAX_LANE = 256;

/**
 * Runs named jobs (write-jobs.ts) through a group-commit writer, wherever the writer lives (the write
 * thread of a database file, or the main thread for a libSQL server).
 *
 * Filings queued one after another form a lane: ONE job of the batch that files them all with
 * `fileRequests` (a multi-row insert instead of a statement each). Any other job queued after them
 * closes the lane, and so does the lane's job when it starts: every job still runs in the order it
 * was queued, and sees what the jobs queued before it wrote. Each filing gets its own outcome: one
 * that fails is rolled back alone (see `fileRequests`), and none is answered before the commit.
 */
export class JobRunner {
  readonly #writer: GroupCommitWriter;
  #lane: Lane | null = null;

  constructor(writer: GroupCommitWriter) {
    this.#writer = writer;
  }

  run<N extends JobName>(name: N, input: JobInput<N>): Promise<JobOutput<N>> {
    if (name === 'fileRequest') return this.#file(input as FileRequestInput) as Promise<JobOutput<N>>;
    this.#lane = null;
    const job = writeJobs[name] as (tx: unknown, input: JobInput<N>) => Promise<JobOutput<N>>;
    return this.#writer.run((tx) => job(tx, input));
  }

  #file(input: FileRequestInput): Promise<FileRequestOutcome> {
    return new Promise((resolve, reject) => {
      let lane = this.#lane;
      if (!lane || lane.filings.length >= MAX_LANE) lane = this.#open();
      lane.filings.push({ input, resolve, reject });
    });
  }

  #open(): Lane {
    const lane: Lane = { filings: [] };
    this.#lane = lane;
    this.#writer
      .run((tx) => {
        // Filings queued from now on go to the next batch. A retry of this job runs the same ones.
        if (this.#lane === lane) this.#lane = null;
        return fileRequests(
          tx,
          lane.filings.map((filing) => filing.input),
        );
      })
      .then(
        (settled) =>
          lane.filings.forEach((filing, i) => {
            const outcome = settled[i];
            if (outcome?.ok) filing.resolve(outcome.value);
            else filing.reject(outcome ? outcome.error : new Error('the filing got no outcome'));
          }),
        (error) => {
          for (const filing of lane.filings) filing.reject(error);
        },
      );
    return lane;
  }
}
