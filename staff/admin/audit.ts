import { html, LitElement, nothing } from 'lit';
import { call, query } from '../api.ts';
import { field } from '../forms.ts';
import { formatDate, LocalizeController, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import type { Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';
import { adminStyles, institutionPath } from './common.ts';

interface Entry {
  id: number;
  at: string;
  actor: string;
  action: string;
  ticket: string | null;
  target: string | null;
  ip: string | null;
}

/** Rows drawn at once; the CSV carries every entry the filters match. */
const SHOWN = 500;

/**
 * The institution's audit log for admins and auditors (issue 20 item 4): filters by dates, actor
 * and ticket kept in the address, the entries newest first, and the same selection as CSV.
 *
 * @tag cc-admin-audit
 */
export class AdminAudit extends LitElement {
  static override styles = [sharedStyles, adminStyles];
  static override properties = {
    account: { attribute: false },
    entries: { state: true },
    filters: { state: true },
    error: { state: true },
    loading: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare private entries: Entry[] | null;
  declare private filters: { from: string; to: string; actor: string; ticket: string };
  declare private error: string | null;
  declare private loading: boolean;

  constructor() {
    super();
    const params = new URLSearchParams(location.search);
    this.filters = {
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
      actor: params.get('actor') ?? '',
      ticket: params.get('ticket') ?? '',
    };
    this.entries = null;
    this.error = null;
    this.loading = false;
  }

  private get allowed() {
    return this.account.role === 'institution_admin' || this.account.role === 'auditor';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.allowed) this.load();
  }

  /** The filters as the API reads them: `to` a day includes all of it. */
  private get search() {
    const { from, to, actor, ticket } = this.filters;
    return query({ from, to: to ? `${to}T23:59:59Z` : '', actor: actor.trim(), ticket: ticket.trim() });
  }

  private async load() {
    this.loading = true;
    try {
      this.entries = (
        await call<{ items: Entry[] }>(institutionPath(this.account.institution ?? '', `audit${this.search}`))
      ).items;
      this.error = null;
    } catch (error) {
      this.error = `${t('admin.loadError')} ${describeProblem(error)}`;
    } finally {
      this.loading = false;
    }
  }

  private handleFilter(event: Event) {
    event.preventDefault();
    const { from, to, actor, ticket } = this.filters;
    history.replaceState(null, '', `${location.pathname}${query({ from, to, actor, ticket })}`);
    this.load();
  }

  private get csvHref() {
    const search = this.search;
    return `${institutionPath(this.account.institution ?? '', 'audit')}${search ? `${search}&` : '?'}format=csv`;
  }

  override render() {
    if (!this.allowed) return html`<h1>${t('admin.audit.title')}</h1><p>${t('admin.forbidden')}</p>`;
    const set = (name: keyof AdminAudit['filters']) => (value: string) => {
      this.filters = { ...this.filters, [name]: value };
    };
    const entries = this.entries ?? [];
    return html`<h1>${t('admin.audit.title')}</h1>
      <form class="card" novalidate @submit=${this.handleFilter}>
        ${field({ id: 'from', label: t('admin.audit.from'), type: 'date', value: this.filters.from, onInput: set('from') })}
        ${field({ id: 'to', label: t('admin.audit.to'), type: 'date', value: this.filters.to, onInput: set('to') })}
        ${field({ id: 'actor', label: t('admin.audit.actor'), value: this.filters.actor, onInput: set('actor') })}
        ${field({ id: 'ticket', label: t('admin.audit.ticket'), value: this.filters.ticket, onInput: set('ticket') })}
        <p class="actions"><button type="submit" class="button">${t('admin.audit.filter')}</button>
          <a id="audit-csv" href=${this.csvHref} download>${t('admin.audit.csv')}</a></p>
      </form>
      ${this.error ? html`<p role="alert" class="error-message">${this.error}</p>` : nothing}
      ${this.loading ? html`<p role="status">${t('loading')}</p>` : nothing}
      ${
        this.entries && !entries.length
          ? html`<p role="status">${t('admin.audit.empty')}</p>`
          : html`<table id="audit">
              <caption>${t('admin.audit.caption')}</caption>
              <thead><tr><th scope="col">${t('admin.audit.at')}</th><th scope="col">${t('admin.audit.who')}</th>
                <th scope="col">${t('admin.audit.action')}</th><th scope="col">${t('admin.audit.target')}</th>
                <th scope="col">${t('admin.audit.ip')}</th></tr></thead>
              <tbody>
                ${entries.slice(0, SHOWN).map(
                  (
                    e,
                  ) => html`<tr><td>${formatDate(e.at)}</td><td>${e.actor}</td><th scope="row">${e.action}</th>
                    <td>${e.ticket ?? e.target ?? ''}</td><td>${e.ip ?? ''}</td></tr>`,
                )}
              </tbody>
            </table>`
      }`;
  }
}

if (!customElements.get('cc-admin-audit')) customElements.define('cc-admin-audit', AdminAudit);

declare global {
  interface HTMLElementTagNameMap {
    'cc-admin-audit': AdminAudit;
  }
}
