import { css, html, LitElement, nothing } from 'lit';
import * as v from 'valibot';
import { WebhookSchema } from '#schema';
import { call } from '../api.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { formatDate, LocalizeController, t } from '../locales/index.ts';
import { describeProblem, issuesByField } from '../problems.ts';
import type { Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';
import { adminStyles, institutionPath, schemaErrors } from './common.ts';

type FailureClass = 'http_status' | 'timeout' | 'address' | 'connection' | 'removed' | 'other';

interface Webhook {
  id: number;
  url: string;
  createdAt: string;
  revokedAt: string | null;
  health: {
    lastSuccessAt: string | null;
    lastFailure: { at: string | null; dead: boolean; errorClass: FailureClass; status: number | null } | null;
    pending: number;
    dead: number;
  };
}

/** Where the API reference explains a delivery's signature (the served /docs, from the OpenAPI). */
const VERIFY_DOCS = '/docs#post-/api/v1/institutions/{code}/webhooks';

const styles = css`
  dialog {
    width: min(36rem, calc(100vw - 2rem));
    border: 2px solid #1b1b1b;
    border-radius: 6px;
    padding: 1.25rem 1.5rem;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .url {
    overflow-wrap: anywhere;
  }
`;

/**
 * The institution's webhooks (CONTRACT §7, institution_admin only): each with its delivery health,
 * register one (the signing secret shown once, with how to verify it: the server keeps it sealed
 * and never answers it again), and revoke one after a confirmation.
 *
 * @tag cc-admin-webhooks
 */
export class AdminWebhooks extends LitElement {
  static override styles = [sharedStyles, adminStyles, styles];
  static override properties = {
    account: { attribute: false },
    webhooks: { state: true },
    loaded: { state: true },
    error: { state: true },
    notice: { state: true },
    created: { state: true },
    copyState: { state: true },
    url: { state: true },
    errors: { state: true },
    general: { state: true },
    confirming: { state: true },
    busy: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare private webhooks: Webhook[];
  declare private loaded: boolean;
  declare private error: string | null;
  declare private notice: string | null;
  declare private created: { url: string; secret: string } | null;
  declare private copyState: 'copied' | 'failed' | null;
  declare private url: string;
  declare private errors: Errors;
  declare private general: string | null;
  /** The webhook the revoke dialog asks about. */
  declare private confirming: Webhook | null;
  declare private busy: boolean;
  /** The button that opened the dialog, to give focus back to when it is cancelled. */
  private opener: HTMLElement | null = null;

  constructor() {
    super();
    this.webhooks = [];
    this.loaded = false;
    this.error = null;
    this.notice = null;
    this.created = null;
    this.copyState = null;
    this.url = '';
    this.errors = {};
    this.general = null;
    this.confirming = null;
    this.busy = false;
  }

  private get code() {
    return this.account.institution ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.account.role === 'institution_admin') this.load();
  }

  private async load() {
    try {
      this.webhooks = (await call<{ items: Webhook[] }>(institutionPath(this.code, 'webhooks'))).items;
      this.error = null;
    } catch (error) {
      this.error = `${t('admin.loadError')} ${describeProblem(error)}`;
    }
    this.loaded = true;
  }

  private async handleAdd(event: Event) {
    event.preventDefault();
    this.general = null;
    this.created = null;
    this.notice = null;
    this.copyState = null;
    const body = { url: this.url.trim() };
    this.errors = schemaErrors(v.safeParse(WebhookSchema, body), {
      url: t('admin.webhooks.errors.url'),
    });
    if (Object.keys(this.errors).length) return focusSummary(this);
    try {
      const answer = await call<Webhook & { secret: string }>(institutionPath(this.code, 'webhooks'), {
        method: 'POST',
        body,
      });
      this.created = { url: answer.url, secret: answer.secret };
      this.url = '';
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#created')?.focus();
    } catch (error) {
      // A URL the server refuses (not https, not public, no such host) is an error of its field.
      this.errors = issuesByField(error, ['url']);
      if (!Object.keys(this.errors).length) this.general = describeProblem(error);
      focusSummary(this);
    }
  }

  private async copySecret() {
    if (!this.created) return;
    try {
      await navigator.clipboard.writeText(this.created.secret);
      this.copyState = 'copied';
    } catch {
      this.copyState = 'failed';
    }
  }

  private async askRevoke(webhook: Webhook, event: Event) {
    this.opener = event.currentTarget as HTMLElement;
    this.confirming = webhook;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    dialog?.showModal();
    // The safe choice first: Enter or Space on arrival does not revoke.
    dialog?.querySelector<HTMLElement>('button.secondary')?.focus();
  }

  private closeDialog() {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private handleDialogClose = () => {
    const cancelled = this.confirming !== null;
    this.confirming = null;
    // Chromium gives focus back to the opener itself; said here for the browsers that do not.
    if (cancelled) this.opener?.focus();
  };

  private async revoke() {
    const webhook = this.confirming;
    if (!webhook || this.busy) return;
    this.busy = true;
    try {
      await call(institutionPath(this.code, `webhooks/${webhook.id}`), { method: 'DELETE' });
      this.created = null;
      this.notice = t('admin.webhooks.revokedNotice', { url: webhook.url });
      this.error = null;
    } catch (error) {
      this.error = describeProblem(error);
    }
    this.busy = false;
    // Its button is gone from the list: focus goes to what happened instead of back to it.
    this.confirming = null;
    this.closeDialog();
    await this.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.notice ? '#notice' : '[role=alert]')?.focus();
  }

  private renderFailure(failure: Webhook['health']['lastFailure']) {
    if (!failure) return t('admin.webhooks.none');
    const what = t(`admin.webhooks.failure.${failure.errorClass}`, { status: failure.status ?? '' });
    return html`${what}${failure.at ? html`<br />${formatDate(failure.at)}` : nothing}
      ${failure.dead ? html`<br />${t('admin.webhooks.failureGivenUp')}` : nothing}`;
  }

  private renderCreated() {
    const created = this.created;
    if (!created) return nothing;
    return html`<div class="notice" id="created" role="region" tabindex="-1" aria-labelledby="created-title">
      <h2 id="created-title">${t('admin.webhooks.shownOnceTitle', { url: created.url })}</h2>
      <p>${t('admin.webhooks.shownOnce')}</p>
      <p class="token" id="secret-value">${created.secret}</p>
      <p><button type="button" class="button secondary" id="copy" @click=${this.copySecret}>${t('admin.webhooks.copy')}</button></p>
      <p role="status">${
        this.copyState === 'copied'
          ? t('admin.webhooks.copied')
          : this.copyState === 'failed'
            ? t('admin.webhooks.copyFailed')
            : nothing
      }</p>
      <p>${t('admin.webhooks.verify')}</p>
      <p><a href=${VERIFY_DOCS} target="_blank" rel="noopener">${t('admin.webhooks.verifyLink')}</a></p>
    </div>`;
  }

  private renderTable() {
    if (!this.loaded) return html`<p role="status">${t('loading')}</p>`;
    if (!this.webhooks.length) return html`<p id="webhooks-empty">${t('admin.webhooks.empty')}</p>`;
    return html`<table id="webhooks">
      <caption>${t('admin.webhooks.caption')}</caption>
      <thead><tr>
        <th scope="col">${t('admin.webhooks.url')}</th><th scope="col">${t('admin.webhooks.state')}</th>
        <th scope="col">${t('admin.webhooks.lastSuccess')}</th><th scope="col">${t('admin.webhooks.lastFailure')}</th>
        <th scope="col">${t('admin.webhooks.messages')}</th><th scope="col">${t('admin.people.actions')}</th>
      </tr></thead>
      <tbody>
        ${this.webhooks.map(
          (w) => html`<tr data-id=${w.id}>
            <th scope="row" class="url">${w.url}</th>
            <td>${
              w.revokedAt
                ? t('admin.webhooks.revokedOn', { date: formatDate(w.revokedAt.slice(0, 10)) })
                : t('admin.webhooks.active')
            }<span class="hint">${t('admin.webhooks.created', { date: formatDate(w.createdAt.slice(0, 10)) })}</span></td>
            <td>${w.health.lastSuccessAt ? formatDate(w.health.lastSuccessAt) : t('admin.webhooks.never')}</td>
            <td>${this.renderFailure(w.health.lastFailure)}</td>
            <td>${t('admin.webhooks.pending', { n: w.health.pending })}<br />${t('admin.webhooks.dead', { n: w.health.dead })}</td>
            <td>${
              w.revokedAt
                ? nothing
                : html`<button type="button" class="button secondary danger" data-action="revoke"
                    @click=${(event: Event) => this.askRevoke(w, event)}
                    >${t('admin.webhooks.revoke')}<span class="visually-hidden">: ${w.url}</span></button>`
            }</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderDialog() {
    const webhook = this.confirming;
    return html`<dialog aria-labelledby="revoke-title" aria-describedby="revoke-body" @close=${this.handleDialogClose}>
      ${
        webhook
          ? html`<h2 id="revoke-title">${t('admin.webhooks.revokeTitle')}</h2>
              <p id="revoke-body" class="url">${t('admin.webhooks.revokeBody', { url: webhook.url })}</p>
              <div class="actions">
                <button type="button" class="button danger" id="revoke-confirm" ?disabled=${this.busy}
                  @click=${this.revoke}>${t('admin.webhooks.revokeConfirm')}</button>
                <button type="button" class="button secondary" @click=${this.closeDialog}>${t('admin.webhooks.cancel')}</button>
              </div>`
          : nothing
      }
    </dialog>`;
  }

  override render() {
    if (this.account.role !== 'institution_admin')
      return html`<h1>${t('admin.webhooks.title')}</h1><p>${t('admin.forbidden')}</p>`;
    return html`<h1>${t('admin.webhooks.title')}</h1>
      <p>${t('admin.webhooks.intro')}
        <a href=${VERIFY_DOCS} target="_blank" rel="noopener">${t('admin.webhooks.verifyLink')}</a></p>
      ${this.error ? html`<p role="alert" class="error-message" tabindex="-1">${this.error}</p>` : nothing}
      ${this.notice ? html`<p class="notice" id="notice" role="status" tabindex="-1">${this.notice}</p>` : nothing}
      ${this.renderCreated()}
      ${this.renderTable()}
      <section class="card" aria-labelledby="add-title">
        <h2 id="add-title">${t('admin.webhooks.add')}</h2>
        ${errorSummary(this.errors, this.general, this.shadowRoot)}
        <form novalidate @submit=${this.handleAdd}>
          ${field({
            id: 'url',
            label: t('admin.webhooks.urlLabel'),
            hint: t('admin.webhooks.urlHint'),
            value: this.url,
            error: this.errors.url,
            autocomplete: 'url',
            onInput: (url) => {
              this.url = url;
            },
          })}
          <p class="actions"><button type="submit" class="button">${t('admin.webhooks.addSubmit')}</button></p>
        </form>
      </section>
      ${this.renderDialog()}`;
  }
}

if (!customElements.get('cc-admin-webhooks')) customElements.define('cc-admin-webhooks', AdminWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'cc-admin-webhooks': AdminWebhooks;
  }
}
