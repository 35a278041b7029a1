import type { ReactiveControllerHost } from 'lit';
import { type Chunk, DIRECTORY_VIEW, LATER_STEPS, STATUS_VIEW } from '../chunks.ts';
import { KIT } from '../steps/kit.ts';
import type { LaterSteps } from '../steps/later-steps.ts';

type StatusRenderer = ReturnType<typeof import('../steps/status.ts').statusView>;
type DirectoryRenderer = ReturnType<typeof import('../steps/directory.ts').directoryView>;

// Made once per page from their chunks, with the entry's Lit and form blocks (steps/kit.ts).
let laterSteps: LaterSteps | null = null;
let statusView: StatusRenderer | null = null;
let directoryView: DirectoryRenderer | null = null;

/**
 * The views that are not the first question, from their lazy chunks: the later steps with the
 * confirmation, and the status lookup. The element renders again when one arrives; until then it
 * shows what it showed (a step change waits for its chunk) or "loading" (a first render).
 */
export class ViewsController {
  /** A chunk could not be loaded (offline): the element says so and offers to try again. */
  failed = false;
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  get laterSteps(): LaterSteps | null {
    const module = LATER_STEPS.value;
    if (module) laterSteps ??= module.laterSteps(KIT);
    return laterSteps;
  }

  get statusView(): StatusRenderer | null {
    const module = STATUS_VIEW.value;
    if (module) statusView ??= module.statusView(KIT);
    return statusView;
  }

  get directoryView(): DirectoryRenderer | null {
    const module = DIRECTORY_VIEW.value;
    if (module) directoryView ??= module.directoryView(KIT);
    return directoryView;
  }

  loadLaterSteps(): Promise<unknown> {
    return this.#load(LATER_STEPS);
  }

  loadDirectoryView(): Promise<unknown> {
    return this.#load(DIRECTORY_VIEW);
  }

  loadStatusView(): Promise<unknown> {
    return this.#load(STATUS_VIEW);
  }

  /**
   * Asks for the view the element is about to show, unless it is there or could not be loaded (the
   * render then says so, and the citizen's retry asks again).
   */
  need(view: 'laterSteps' | 'statusView' | 'directoryView'): void {
    if (this.failed || this[view]) return;
    const chunk = { laterSteps: LATER_STEPS, statusView: STATUS_VIEW, directoryView: DIRECTORY_VIEW }[view];
    this.#load(chunk).catch(() => {
      this.failed = true;
      this.#host.requestUpdate();
    });
  }

  retry = (): void => {
    this.failed = false;
    this.#host.requestUpdate();
  };

  async #load(chunk: Chunk<unknown>): Promise<unknown> {
    if (chunk.value) return chunk.value;
    const module = await chunk.load();
    this.#host.requestUpdate();
    return module;
  }
}
