import type { ReactiveControllerHost } from 'lit';
import type { Locale } from '#schema';
import { ApiFailure, type InstitutionSummary, loadDirectory } from '../api-client.ts';
import { loadPortalChoice, savePortalChoice } from '../draft.ts';
import { emitError } from '../events.ts';
import type { Texts } from '../locales/index.ts';
import type { FocusController } from './focus.ts';

type Host = ReactiveControllerHost & HTMLElement;

interface PortalContext {
  api: string;
  locale: Locale;
  t: Texts;
  /** Resolves once the directory's chunk is there. */
  ready(): Promise<unknown>;
}

/**
 * A national portal: an element without `institution` lets the citizen choose one from the
 * directory first, then goes on as an institution's own element would. The choice is the element's
 * state, not its attribute (the page's markup stays the page's), and survives a reload.
 */
export class PortalController {
  /** Whether the element is a portal: it had no `institution` when it first rendered. */
  active = false;
  /** The institution the citizen chose; empty while the directory is shown. */
  chosen = '';
  directory: InstitutionSummary[] | null = null;
  loadError: string | null = null;
  filter = '';
  /** The choice in the list, before Continue. */
  selected = '';
  /** Continue was pressed with nothing chosen. */
  missing = false;
  readonly #host: Host;
  readonly #context: () => PortalContext;
  readonly #focus: FocusController;
  readonly #onChosen: () => void;

  constructor(host: Host, context: () => PortalContext, focus: FocusController, onChosen: () => void) {
    this.#host = host;
    this.#context = context;
    this.#focus = focus;
    this.#onChosen = onChosen;
  }

  /** Called once, at the first render: without `institution`, the element is a portal. */
  start(institution: string): void {
    if (institution) return;
    this.active = true;
    this.chosen = loadPortalChoice(this.#context().api);
    this.selected = this.chosen;
    if (this.chosen) this.#onChosen();
    else void this.load();
  }

  async load(): Promise<void> {
    const { api, locale, t } = this.#context();
    this.loadError = null;
    this.#host.requestUpdate();
    try {
      this.directory = await loadDirectory(api, locale);
    } catch (error) {
      this.loadError = error instanceof ApiFailure && !error.isNetwork ? error.message : t.loadFailed;
      emitError(this.#host, error instanceof ApiFailure ? error.code : 'network_error', this.loadError);
    }
    this.#host.requestUpdate();
  }

  setFilter = (value: string): void => {
    this.filter = value;
    this.#host.requestUpdate();
  };

  select = (code: string): void => {
    this.selected = code;
    this.missing = false;
    this.#host.requestUpdate();
  };

  handleSubmit = (event: Event): void => {
    event.preventDefault();
    if (!this.selected) {
      this.missing = true;
      this.#focus.afterRender('summary');
      return;
    }
    this.chosen = this.selected;
    savePortalChoice(this.#context().api, this.chosen);
    this.#onChosen();
    this.#focus.afterRender('title');
  };

  /** Back from the first question to the directory, shown once it is there (focus goes to its title). */
  change = async (): Promise<void> => {
    const { api, ready } = this.#context();
    await Promise.all([this.directory ?? this.load(), ready().catch(() => {})]);
    this.chosen = '';
    savePortalChoice(api, '');
    this.#focus.afterRender('title');
  };
}
