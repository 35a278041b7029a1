import type { ReactiveControllerHost } from 'lit';
import { loadPortalChoice, savePortalChoice } from '../draft.ts';

/**
 * A national portal: an element without `institution` lets the citizen choose one from the directory
 * first (steps/directory.ts, a lazy chunk, which holds the search), then goes on as an institution's
 * own element would. The choice is the element's state, not its attribute (the page's markup stays
 * the page's), and survives a reload.
 */
export class PortalController {
  /** Whether the element is a portal: it had no `institution` when it first rendered. */
  active = false;
  /** The institution the citizen chose; empty while the directory is shown. */
  chosen = '';
  readonly #host: ReactiveControllerHost;
  readonly #api: () => string;
  readonly #onChosen: () => void;

  constructor(host: ReactiveControllerHost, api: () => string, onChosen: () => void) {
    this.#host = host;
    this.#api = api;
    this.#onChosen = onChosen;
  }

  /** Called once, at the first render: without `institution`, the element is a portal. */
  start(institution: string): void {
    if (institution) return;
    this.active = true;
    this.chosen = loadPortalChoice(this.#api());
    if (this.chosen) this.#onChosen();
  }

  /** `code` (empty: back to the directory). */
  choose(code: string): void {
    this.chosen = code;
    savePortalChoice(this.#api(), code);
    if (code) this.#onChosen();
    this.#host.requestUpdate();
  }
}
