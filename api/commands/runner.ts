import type { JobRunners } from '../db/database.ts';
import type { GroupCommitWriter } from '../db/group-commit.ts';
import type { Writer } from '../db/types.ts';
import { type FileRequestInput, type FileRequestOutcome, fileRequests } from './file-request.ts';
import { type CommandInput, type CommandName, type CommandOutput, type Commands, commands } from './index.ts';

interface QueuedFiling {
  input: FileRequestInput;
  resolve(value: FileRequestOutcome): void;
  reject(error: unknown): void;
}

/** Filings queued one after another, run as one job (see CommandRunner). */
interface Lane {
  filings: QueuedFiling[];
}

/** More filings than this start another lane: bounds one job's statement and its retry. */
const MAX_LANE = 256;

/**
 * Runs the commands (index.ts) on a group-commit writer, wherever the writer lives (the write
 * thread of a database file, or the main thread for a libSQL server).
 *
 * Filings queued one after another form a lane: ONE job of the batch that files them all with
 * `fileRequests` (a multi-row insert instead of a statement each). Any other command queued after
 * them closes the lane, and so does the lane's job when it starts: every command still runs in the
 * order it was queued, and sees what the commands queued before it wrote. Each filing gets its own
 * outcome: one that fails is rolled back alone (see `fileRequests`), and none is answered before
 * the commit.
 */
export class CommandRunner implements Writer<Commands> {
  readonly #writer: GroupCommitWriter;
  #lane: Lane | null = null;

  constructor(writer: GroupCommitWriter) {
    this.#writer = writer;
  }

  get stats() {
    return this.#writer.stats;
  }

  run<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    if (name === 'fileRequest') return this.#file(input as FileRequestInput) as Promise<CommandOutput<N>>;
    this.#lane = null;
    const command = commands[name] as (tx: unknown, input: CommandInput<N>) => Promise<CommandOutput<N>>;
    return this.#writer.run((tx) => command(tx, input));
  }

  close(): Promise<void> {
    return this.#writer.close();
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

/**
 * The commands as the database runs them: on a database file's write thread, which loads
 * thread-entry.ts, or on a writer in this thread for a libSQL server. Pass it to openDatabase.
 */
export const appCommands: JobRunners<Commands> = {
  threadEntry: new URL('./thread-entry.ts', import.meta.url),
  onWriter: (writer) => new CommandRunner(writer),
};
