/**
 * A lazy chunk, asked for once per page whichever element wants it first. A failure (offline) is not
 * kept: the next ask tries again.
 */
export class Chunk<T> {
  /** The module, once it has loaded. */
  value: T | null = null;
  readonly #import: () => Promise<T>;
  #pending: Promise<T> | null = null;

  constructor(load: () => Promise<T>) {
    this.#import = load;
  }

  load(): Promise<T> {
    this.#pending ??= this.#import().then(
      (value) => {
        this.value = value;
        return value;
      },
      (error: unknown) => {
        this.#pending = null;
        throw error;
      },
    );
    return this.#pending;
  }
}

// What is not needed for the first question (decision 036). This module imports no Lit, so the
// script can ask for these before Lit and the element are evaluated (prefetch.ts).
/** The steps after the first question and the confirmation. */
export const LATER_STEPS = new Chunk(() => import('./steps/later-steps.ts'));
/** The status lookup's view (`mode="status"`). */
export const STATUS_VIEW = new Chunk(() => import('./steps/status.ts'));
/** The national portal's directory, where an element without `institution` starts. */
export const DIRECTORY_VIEW = new Chunk(() => import('./steps/directory.ts'));
/** The API's own rules and messages, for Continue (bundled on its own: vite.config.ts). */
export const VALIDATION = new Chunk(() => import('./validation.ts'));
