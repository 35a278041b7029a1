import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

const TABBABLE = 'button, [href], input, select, textarea, iframe, [tabindex]:not([tabindex="-1"])';

/**
 * The modal dialog of `display="button"`: opens with `showModal()` (the page becomes inert),
 * keeps Tab inside, and gives focus back to the control that opened it when it closes, however it
 * closes (Esc, the close button). The dialog's template places a `.focus-guard` at each edge.
 */
export class ModalController implements ReactiveController {
  open = false;
  readonly #host: Host;
  #trigger: HTMLElement | null = null;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  show(trigger: HTMLElement | null): void {
    this.#trigger = trigger;
    this.open = true;
    this.#dialog?.showModal();
    this.#host.requestUpdate();
  }

  close = (): void => {
    this.#dialog?.close();
  };

  /** The dialog's `close` event: whatever closed it, focus returns to its trigger. */
  handleClose = (): void => {
    this.open = false;
    this.#host.requestUpdate();
    this.#trigger?.focus();
  };

  /**
   * A modal dialog keeps the page inert, but Tab can still leave it for the browser's own controls.
   * The focus guards at its edges send focus back in, so it cycles inside the dialog.
   */
  wrapFocus(edge: 'start' | 'end'): void {
    const tabbable = [...(this.#dialog?.querySelectorAll<HTMLElement>(TABBABLE) ?? [])].filter(
      (element) => !element.classList.contains('focus-guard'),
    );
    (edge === 'end' ? tabbable[0] : tabbable[tabbable.length - 1])?.focus();
  }

  hostDisconnected(): void {
    this.#trigger = null;
  }
}
