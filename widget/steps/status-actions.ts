import type { Locale } from '#schema';
import type { StatusTexts } from '../locales/status-texts.ts';
import { type ActionDraft, emptyActionDraft, loadActionDraft, saveActionDraft } from '../status-draft.ts';
import type { Kit } from './kit.ts';

/** The three things a citizen can do from the status view. */
export type ActionKind = 'reply' | 'withdraw' | 'rate';

export interface ActionHost {
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
  readonly updateComplete: Promise<unknown>;
  readonly renderRoot: ParentNode;
}

export interface ActionContext {
  api: string;
  locale: Locale;
  ticket: string;
  code: string;
  st: StatusTexts;
  /** Looks the request up again, without moving focus. */
  refresh(): Promise<void>;
  /** Upload ids of the reply's uploaded files (reply-files.ts). */
  replyAttachments?: () => string[];
  /** Why the reply must wait (a file still going up), or null. */
  replyWait?: () => string | null;
}

// The API's body paths, as the fields of the status view name them (their ids: f-reply-message…).
// The API's lengths (api/schema/life.ts), checked here too so the citizen hears it before sending.
const REPLY_MAX = 10_000;
const TEXT_MAX = 2000;

const fill = (text: string, n: number) => text.replace('{n}', n.toLocaleString());

const FIELDS: Record<string, string> = {
  message: 'reply.message',
  attachments: 'reply.attachments',
  reason: 'withdraw.reason',
  resolved: 'rate.resolved',
  rating: 'rate.rating',
  comment: 'rate.comment',
};

interface Failure {
  status?: number;
  code?: string;
  message?: string;
  issues?: Array<{ path: string; message: string }>;
}

/**
 * The status view's actions for one element: the citizen's answer to a request for information,
 * the withdrawal (after a confirmation that says what it means) and the rating of the answer.
 * What the citizen types is kept (status-draft.ts) until the API has taken it: a network failure, a
 * validation error or a refusal leaves it in its field, with the reason above the form.
 */
export class StatusActions {
  draft: ActionDraft = emptyActionDraft();
  errors: Record<string, string> = {};
  /** A failure that belongs to no field, shown above the form it came from. */
  banner: { kind: ActionKind; text: string } | null = null;
  busy: ActionKind | null = null;
  confirmingWithdrawal = false;
  /** What the last action did, announced once it is done. */
  notice: string | null = null;
  #ticket = '';
  #context: ActionContext | null = null;
  readonly #host: ActionHost;
  readonly #call: Kit['call'];

  constructor(host: ActionHost, call: Kit['call']) {
    this.#host = host;
    this.#call = call;
  }

  /** Called at each render with the request shown: another request brings its own draft. */
  sync(context: ActionContext): void {
    this.#context = context;
    if (context.ticket === this.#ticket) return;
    this.#ticket = context.ticket;
    this.draft = loadActionDraft(context.api, context.ticket);
    this.errors = {};
    this.banner = null;
    this.notice = null;
    this.confirmingWithdrawal = false;
  }

  update = (patch: Partial<ActionDraft>): void => {
    this.draft = { ...this.draft, ...patch };
    if (this.#context) saveActionDraft(this.#context.api, this.#ticket, this.draft);
    this.#host.requestUpdate();
  };

  openWithdrawal = (): void => {
    this.confirmingWithdrawal = true;
    this.notice = null;
    void this.#focusAfterRender('#withdraw-title');
  };

  cancelWithdrawal = (): void => {
    this.confirmingWithdrawal = false;
    this.errors = {};
    if (this.banner?.kind === 'withdraw') this.banner = null;
    void this.#focusAfterRender('#withdraw-open');
  };

  submitReply = (event: Event): void => {
    event.preventDefault();
    const { st } = this.#need();
    const message = this.draft.reply;
    const errors: Record<string, string> = {};
    if (!message.trim()) errors['reply.message'] = st.replyRequired;
    else if (message.length > REPLY_MAX) errors['reply.message'] = fill(st.replyTooLong, REPLY_MAX);
    const wait = this.#context?.replyWait?.();
    if (wait) errors['reply.attachments'] = wait;
    const attachments = this.#context?.replyAttachments?.() ?? [];
    void this.#send('reply', errors, 'replies', {
      message,
      ...(attachments.length > 0 ? { attachments } : {}),
      locale: this.#need().locale,
    });
  };

  submitWithdrawal = (event: Event): void => {
    event.preventDefault();
    const { st } = this.#need();
    const reason = this.draft.reason.trim();
    const errors: Record<string, string> = {};
    if (reason.length > TEXT_MAX) errors['withdraw.reason'] = fill(st.reasonTooLong, TEXT_MAX);
    void this.#send('withdraw', errors, 'withdrawal', reason ? { reason } : {});
  };

  submitRating = (event: Event): void => {
    event.preventDefault();
    const { st } = this.#need();
    const d = this.draft;
    const errors: Record<string, string> = {};
    if (!d.resolved) errors['rate.resolved'] = st.resolvedRequired;
    if (!d.rating) errors['rate.rating'] = st.ratingRequired;
    if (d.comment.length > TEXT_MAX) errors['rate.comment'] = fill(st.commentTooLong, TEXT_MAX);
    const comment = d.comment.trim();
    void this.#send('rate', errors, 'satisfaction', {
      resolved: d.resolved === 'yes',
      rating: Number(d.rating),
      ...(comment ? { comment } : {}),
    });
  };

  #need(): ActionContext {
    if (!this.#context) throw new Error('the status view has not rendered');
    return this.#context;
  }

  async #send(kind: ActionKind, errors: Record<string, string>, path: string, body: unknown): Promise<void> {
    if (this.busy) return; // a double click sends once
    const context = this.#need();
    const { st } = context;
    this.errors = errors;
    this.banner = null;
    this.notice = null;
    if (Object.keys(errors).length > 0) {
      void this.#focusAfterRender(`#action-${kind} .error-summary`);
      return;
    }
    this.busy = kind;
    this.#host.requestUpdate();
    try {
      await this.#call(
        `${context.api}/api/v1/requests/${encodeURIComponent(context.ticket)}/${path}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Tracking-Code': context.code },
          body: JSON.stringify(body),
        },
        context.locale,
      );
      // Taken: the draft of this action goes, the view shows the request as it is now.
      if (kind === 'reply') this.update({ reply: '', replyFiles: [] });
      if (kind === 'withdraw') this.update({ reason: '' });
      if (kind === 'rate') this.update({ resolved: '', rating: '', comment: '' });
      this.confirmingWithdrawal = false;
      await context.refresh();
      // Announced with the request as it is now, not before.
      this.notice = { reply: st.replySent, withdraw: st.withdrawDone, rate: st.rateDone }[kind];
      void this.#focusAfterRender('#action-notice');
    } catch (error) {
      this.#fail(kind, error as Failure, st);
    } finally {
      this.busy = null;
      this.#host.requestUpdate();
    }
  }

  #fail(kind: ActionKind, failure: Failure, st: StatusTexts): void {
    const detail = { code: failure.code ?? 'network_error', message: failure.message ?? '' };
    this.#host.dispatchEvent(new CustomEvent('cc-error', { detail, bubbles: true, composed: true }));
    if (failure.code === 'validation_failed' && failure.issues?.length) {
      this.errors = Object.fromEntries(
        failure.issues.map((issue) => [
          FIELDS[issue.path.split('.')[0] ?? ''] ?? `${kind}.form`,
          issue.message,
        ]),
      );
      void this.#focusAfterRender(`#action-${kind} .error-summary`);
      return;
    }
    const conflict = st.conflicts[failure.code as keyof StatusTexts['conflicts']];
    const text =
      failure.status === 0 || !failure.status ? st.networkError : (conflict ?? failure.message ?? '');
    this.banner = { kind, text };
    void this.#focusAfterRender(`#action-${kind} .banner`);
  }

  async #focusAfterRender(selector: string): Promise<void> {
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
