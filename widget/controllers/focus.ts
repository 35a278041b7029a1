import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/** What takes focus once the next render is on screen. */
type FocusTarget = 'summary' | 'title';

/**
 * Moves focus after a render, in GOV.UK's manner: to the error summary when Continue finds a
 * problem, to the new step's heading (or the first control of a step whose question is a legend)
 * when the step changes, so a screen reader announces where the citizen is.
 */
export class FocusController implements ReactiveController {
  readonly #host: Host;
  #next: FocusTarget | null = null;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  /** Focuses `target` after the next render. */
  afterRender(target: FocusTarget): void {
    this.#next = target;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const target = this.#next;
    this.#next = null;
    const root = this.#host.renderRoot;
    if (target === 'summary') root.querySelector<HTMLElement>('.error-summary')?.focus();
    if (target === 'title') {
      root.querySelector<HTMLElement>('.step-title, .legend-heading')?.focus();
      // Steps whose question is a legend: a legend takes no focus, so the first control of the group does.
      if (!root.querySelector('.step-title')) root.querySelector<HTMLElement>('fieldset input')?.focus();
    }
  }
}
