import { html, LitElement, nothing } from 'lit';
import * as v from 'valibot';
import { TokenSchema } from '#schema';
import { call } from '../api.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { formatDate, LocalizeController, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import type { Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';
import { adminStyles, institutionPath, schemaErrors } from './common.ts';

interface Token {
  id: number;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  readOnly: boolean;
}

/**
 * The institution's integration tokens (issue 20 item 4): list, create (the secret shown once, then
 * never again: the server keeps only its hash) and revoke. institution_admin only.
 *
 * @tag cc-admin-tokens
 */
export class AdminTokens extends LitElement {
  static override styles = [sharedStyles, adminStyles];
  static override properties = {
    account: { attribute: false },
    tokens: { state: true },
    error: { state: true },
    created: { state: true },
    draft: { state: true },
    errors: { state: true },
    general: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare private tokens: Token[];
  declare private error: string | null;
  declare private created: string | null;
  declare private draft: { name: string; expiresAt: string; readOnly: boolean };
  declare private errors: Errors;
  declare private general: string | null;

  constructor() {
    super();
    this.tokens = [];
    this.error = null;
    this.created = null;
    this.draft = { name: '', expiresAt: '', readOnly: false };
    this.errors = {};
    this.general = null;
  }

  private get code() {
    return this.account.institution ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  private async load() {
    try {
      this.tokens = (await call<{ items: Token[] }>(institutionPath(this.code, 'tokens'))).items;
      this.error = null;
    } catch (error) {
      this.error = `${t('admin.loadError')} ${describeProblem(error)}`;
    }
  }

  private async handleCreate(event: Event) {
    event.preventDefault();
    this.general = null;
    this.created = null;
    const body = {
      name: this.draft.name.trim(),
      readOnly: this.draft.readOnly,
      ...(this.draft.expiresAt ? { expiresAt: this.draft.expiresAt } : {}),
    };
    this.errors = schemaErrors(v.safeParse(TokenSchema, body), {
      name: t('admin.tokens.errors.name'),
      expiresAt: t('admin.tokens.errors.expiresAt'),
    });
    if (Object.keys(this.errors).length) return focusSummary(this);
    try {
      const answer = await call<{ token: string }>(institutionPath(this.code, 'tokens'), {
        method: 'POST',
        body,
      });
      this.created = answer.token;
      this.draft = { name: '', expiresAt: '', readOnly: false };
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#created')?.focus();
    } catch (error) {
      this.general = describeProblem(error);
      focusSummary(this);
    }
  }

  private async revoke(token: Token) {
    try {
      await call(institutionPath(this.code, `tokens/${token.id}`), { method: 'DELETE' });
      await this.load();
    } catch (error) {
      this.error = describeProblem(error);
    }
  }

  override render() {
    if (this.account.role !== 'institution_admin')
      return html`<h1>${t('admin.tokens.title')}</h1><p>${t('admin.forbidden')}</p>`;
    return html`<h1>${t('admin.tokens.title')}</h1>
      ${this.error ? html`<p role="alert" class="error-message">${this.error}</p>` : nothing}
      ${
        this.created
          ? html`<div class="notice" id="created" tabindex="-1" role="status">
              <p>${t('admin.tokens.shownOnce')}</p><p class="token" id="token-value">${this.created}</p></div>`
          : nothing
      }
      <table id="tokens">
        <caption>${t('admin.tokens.caption')}</caption>
        <thead><tr><th scope="col">${t('admin.tokens.name')}</th><th scope="col">${t('admin.tokens.access')}</th>
          <th scope="col">${t('admin.tokens.created')}</th><th scope="col">${t('admin.tokens.expires')}</th>
          <th scope="col">${t('admin.people.actions')}</th></tr></thead>
        <tbody>
          ${this.tokens.map(
            (token) => html`<tr>
              <th scope="row">${token.name}</th>
              <td>${token.readOnly ? t('admin.tokens.readOnly') : t('admin.tokens.readWrite')}</td>
              <td>${formatDate(token.createdAt)}</td>
              <td>${token.expiresAt ? formatDate(token.expiresAt.slice(0, 10)) : t('admin.tokens.never')}</td>
              <td>${
                token.revokedAt
                  ? t('admin.tokens.revoked')
                  : html`<button type="button" class="button secondary danger" @click=${() => this.revoke(token)}
                      >${t('admin.tokens.revoke')}<span class="visually-hidden">: ${token.name}</span></button>`
              }</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <section class="card" aria-labelledby="create-title">
        <h2 id="create-title">${t('admin.tokens.create')}</h2>
        ${errorSummary(this.errors, this.general, this.shadowRoot)}
        <form novalidate @submit=${this.handleCreate}>
          ${field({
            id: 'name',
            label: t('admin.tokens.name'),
            value: this.draft.name,
            error: this.errors.name,
            onInput: (name) => {
              this.draft = { ...this.draft, name };
            },
          })}
          ${field({
            id: 'expiresAt',
            label: `${t('admin.tokens.expires')} ${t('optional')}`,
            type: 'date',
            hint: t('admin.tokens.expiresHint'),
            value: this.draft.expiresAt,
            error: this.errors.expiresAt,
            onInput: (expiresAt) => {
              this.draft = { ...this.draft, expiresAt };
            },
          })}
          <div class="check">
            <input type="checkbox" id="readOnly" .checked=${this.draft.readOnly}
              @change=${(event: Event) => {
                this.draft = { ...this.draft, readOnly: (event.target as HTMLInputElement).checked };
              }} />
            <label for="readOnly">${t('admin.tokens.readOnlyLabel')}</label>
          </div>
          <p class="actions"><button type="submit" class="button">${t('admin.tokens.createSubmit')}</button></p>
        </form>
      </section>`;
  }
}

if (!customElements.get('cc-admin-tokens')) customElements.define('cc-admin-tokens', AdminTokens);

declare global {
  interface HTMLElementTagNameMap {
    'cc-admin-tokens': AdminTokens;
  }
}
