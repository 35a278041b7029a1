import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale, StatusView } from '#schema';
import { ApiFailure, lookUp } from '../api-client.ts';
import { emitError } from '../events.ts';
import type { Texts } from '../locales/index.ts';
import type { FocusController } from './focus.ts';

type Host = ReactiveControllerHost &
  HTMLElement & { readonly renderRoot: ParentNode; readonly mode?: string };

interface StatusLookupContext {
  api: string;
  locale: Locale;
  t: Texts;
  /** Resolves once the status view's chunk is there, so focus can move into what it draws. */
  ready(): Promise<unknown>;
}

/**
 * `mode="status"`: a ticket number and a tracking code in, the request's status and history out.
 * A link in the citizen's mail carries them in the URL fragment (`#ticket=…&code=…`), never in the
 * query (which reaches servers' logs): read once, looked up, then removed from the address bar.
 */
export class StatusLookupController implements ReactiveController {
  ticket = '';
  code = '';
  result: StatusView | null = null;
  /** The tracking code `result` was looked up with (the fields may have changed since). */
  resultCode = '';
  /** The answer mail's rating link (`&rate=1`): the view opens on the rating form. */
  rateRequested = false;
  errors: Record<string, string> = {};
  busy = false;
  readonly #host: Host;
  readonly #context: () => StatusLookupContext;
  readonly #focus: FocusController;
  #fragmentRead = false;

  constructor(host: Host, context: () => StatusLookupContext, focus: FocusController) {
    this.#host = host;
    this.#context = context;
    this.#focus = focus;
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.#fragmentRead || this.#host.mode !== 'status') return;
    this.#fragmentRead = true;
    this.#readFragment();
  }

  /** `#ticket=…&code=…` from a mail's link: prefilled, looked up, and taken out of the address bar. */
  #readFragment(): void {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const ticket = params.get('ticket')?.trim();
    if (!ticket) return;
    const code = params.get('code')?.trim() ?? '';
    this.rateRequested = params.get('rate') === '1';
    params.delete('ticket');
    params.delete('code');
    params.delete('rate');
    const rest = params.toString();
    // The code must not stay in the history, where the next person at a shared computer would find it.
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
    );
    this.ticket = ticket;
    this.code = code;
    if (code) void this.lookUp();
  }

  setTicket = (value: string): void => {
    this.ticket = value;
    this.#host.requestUpdate();
  };

  setCode = (value: string): void => {
    this.code = value;
    this.#host.requestUpdate();
  };

  handleSubmit = (event: Event): void => {
    event.preventDefault();
    void this.lookUp();
  };

  /** The shown request again, as it is now (after an action): focus stays where it is. */
  refresh = (): Promise<void> => this.lookUp(false);

  /** A linked request (a transfer): the same tracking code opens it. */
  openLinked = (ticket: string): void => {
    this.ticket = ticket;
    this.code = this.resultCode;
    void this.lookUp();
  };

  async lookUp(moveFocus = true): Promise<void> {
    if (this.busy) return;
    const { api, locale, t, ready } = this.#context();
    const errors: Record<string, string> = {};
    if (!this.ticket.trim()) errors.ticket = t.ticketRequired;
    if (!this.code.trim()) errors.code = t.codeRequired;
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      this.#focus.afterRender('summary');
      return;
    }
    this.busy = true;
    this.#host.requestUpdate();
    try {
      const code = this.code;
      this.result = await lookUp(api, this.ticket, code, locale);
      this.resultCode = code;
      await ready().catch(() => {});
      this.#host.requestUpdate();
      await this.#host.updateComplete;
      if (!moveFocus) return;
      const root = this.#host.renderRoot;
      const rating = this.rateRequested ? root.querySelector<HTMLElement>('#rate-title') : null;
      this.rateRequested = false;
      (rating ?? root.querySelector<HTMLElement>('#status-result-title'))?.focus();
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : null;
      const message = failure && !failure.isNetwork ? failure.message : t.networkError;
      this.result = null;
      this.errors = { form: message };
      this.#focus.afterRender('summary');
      emitError(this.#host, failure?.code ?? 'network_error', message);
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }
}
