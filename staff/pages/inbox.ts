import { css, html, LitElement, nothing } from 'lit';
import { type InboxRow, OPEN_STATUSES, type RequestSearchResult, STATUSES } from '#schema';
import { ApiProblem, call, query } from '../api.ts';
import { type CatalogView, catalogOf, localized, serviceName, typeName } from '../catalog.ts';
import { formatDate, LocalizeController, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import { href, navigate } from '../router.ts';
import { type Account, SUPERVISING } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';

export type { InboxRow };

export interface InboxFilters {
  status: string;
  type: string;
  service: string;
  /** A unit's id, or '' for every unit the person sees. */
  unit: string;
  /** `me`, or '' for anyone. */
  assignee: string;
  overdue: boolean;
  replied: boolean;
  dueWithin: string;
  /** `due`: the worklist of open requests by due date (the default); `newest`: everything, newest first. */
  sort: 'due' | 'newest';
}

const EMPTY: InboxFilters = {
  status: '',
  type: '',
  service: '',
  unit: '',
  assignee: '',
  overdue: false,
  replied: false,
  dueWithin: '',
  sort: 'due',
};

/**
 * Filters the server's inbox understands (`GET /institutions/{code}/requests`). The others are
 * shown once the API has them (docs/backoffice.md lists which): a filter applied to one page in the
 * browser would hide requests on the pages not yet loaded.
 */
export const SERVER_FILTERS: ReadonlySet<keyof InboxFilters> = new Set([
  'status',
  'type',
  'overdue',
  'replied',
  'service',
  'dueWithin',
  'unit',
  'assignee',
]);

/** A ticket (MDT-QUE-2026-00001) is opened at once; anything else is searched as a name or a document. */
const TICKET = /^[A-Z]{2,10}-[A-Z]{3}-\d{4}-\d{1,10}$/;

function filtersFromUrl(): InboxFilters {
  const params = new URLSearchParams(location.search);
  return {
    status: params.get('status') ?? '',
    type: params.get('type') ?? '',
    service: params.get('service') ?? '',
    unit: params.get('unit') ?? '',
    assignee: params.get('assignee') === 'me' ? 'me' : '',
    overdue: params.get('overdue') === 'true',
    replied: params.get('replied') === 'true',
    dueWithin: params.get('dueWithin') ?? '',
    sort: params.get('sort') === 'newest' ? 'newest' : 'due',
  };
}

const inboxStyles = css`
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0 1rem;
    align-items: end;
  }
  .filters .field {
    margin-bottom: 0.75rem;
  }
  .search {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: flex-end;
  }
  .search {
    margin-bottom: 1.25rem;
  }
  .search .field {
    margin: 0;
    flex: 0 1 30rem;
  }
  .table-wrap {
    overflow-x: auto;
  }
  tbody tr:hover {
    background: #f0f4fa;
  }
  td a {
    font-weight: 600;
    white-space: nowrap;
  }
  .subject {
    min-width: 9rem;
    max-width: 22rem;
    overflow-wrap: break-word;
  }
  @media (max-width: 900px) {
    .col-service,
    .col-received {
      display: none;
    }
  }
`;

/**
 * The inbox: the person's queue (agents see their units' requests, the server enforces it), with
 * filters kept in the address (so Back and a shared link keep them), search by ticket, name or
 * document number (sent in a POST body, never in the address: decision 072), and cursor paging.
 *
 * @tag cc-staff-inbox
 */
export class StaffInbox extends LitElement {
  static override styles = [sharedStyles, inboxStyles];
  static override properties = {
    account: { attribute: false },
    catalog: { state: true },
    filters: { state: true },
    rows: { state: true },
    nextCursor: { state: true },
    cursors: { state: true },
    loading: { state: true },
    error: { state: true },
    search: { state: true },
    searchError: { state: true },
    units: { state: true },
    found: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare private catalog: CatalogView | null;
  declare private filters: InboxFilters;
  declare private rows: InboxRow[];
  declare private nextCursor: string | null;
  /** The cursors of the pages before this one (the first page has none). */
  declare private cursors: string[];
  declare private loading: boolean;
  declare private error: string | null;
  declare private search: string;
  declare private searchError: string | null;
  /** The units the unit filter offers: the agent's own, or the institution's. */
  declare private units: { id: string | number; name: string }[];
  /** The results of a search by name or document, shown in the table instead of the inbox. */
  declare private found: RequestSearchResult | null;

  constructor() {
    super();
    this.catalog = null;
    this.filters = filtersFromUrl();
    this.rows = [];
    this.nextCursor = null;
    this.cursors = [];
    this.loading = true;
    this.error = null;
    this.search = '';
    this.searchError = null;
    this.units = [];
    this.found = null;
  }

  /**
   * The worklist by due date holds the open requests only: a filter on a status that is not open
   * (answered, closed…) lists newest first instead.
   */
  private get byDue(): boolean {
    const status = this.filters.status;
    return this.filters.sort === 'due' && (!status || (OPEN_STATUSES as readonly string[]).includes(status));
  }

  private get code(): string {
    return this.account.institution ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    catalogOf(this.code)
      .then((catalog) => {
        this.catalog = catalog;
      })
      .catch(() => {
        // Names fall back to codes.
      });
    this.loadUnits();
    this.load();
  }

  private async loadUnits() {
    if (this.account.role === 'agent') {
      this.units = this.account.units;
      return;
    }
    try {
      this.units = (
        await call<{ items: { id: number; name: string }[] }>(
          `/api/v1/institutions/${encodeURIComponent(this.code)}/units`,
        )
      ).items;
    } catch {
      // Without the list, the unit filter offers only "Any".
    }
  }

  private async load() {
    this.loading = true;
    this.error = null;
    const f = this.filters;
    const cursor = this.cursors.at(-1);
    const params = {
      status: f.status,
      type: f.type,
      overdue: f.overdue ? 'true' : undefined,
      replied: f.replied ? 'true' : undefined,
      sort: this.byDue ? 'due' : undefined,
      unit: f.unit,
      assignee: f.assignee,
      // Only what a row shows: no description, no citizen's data (decision 073).
      view: 'row',
      ...(SERVER_FILTERS.has('service') ? { service: f.service } : {}),
      ...(SERVER_FILTERS.has('dueWithin') && this.byDue ? { dueWithin: f.dueWithin } : {}),
      cursor,
      limit: 50,
    };
    try {
      const page = await call<{ items: InboxRow[]; nextCursor: string | null }>(
        `/api/v1/institutions/${encodeURIComponent(this.code)}/requests${query(params)}`,
      );
      this.rows = page.items;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.error = describeProblem(error);
    } finally {
      this.loading = false;
    }
  }

  private handleFilters(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.filters = {
      status: String(data.get('status') ?? ''),
      type: String(data.get('type') ?? ''),
      service: String(data.get('service') ?? ''),
      unit: String(data.get('unit') ?? ''),
      assignee: data.get('assignee') === 'me' ? 'me' : '',
      overdue: data.get('overdue') === 'on',
      replied: data.get('replied') === 'on',
      dueWithin: String(data.get('dueWithin') ?? ''),
      sort: data.get('sort') === 'newest' ? 'newest' : 'due',
    };
    this.applyFilters();
  }

  private applyFilters() {
    const f = this.filters;
    const search = query({
      status: f.status,
      type: f.type,
      service: f.service,
      unit: f.unit,
      assignee: f.assignee,
      overdue: f.overdue ? 'true' : undefined,
      replied: f.replied ? 'true' : undefined,
      dueWithin: f.dueWithin,
      sort: f.sort === 'newest' ? 'newest' : undefined,
    });
    history.replaceState(null, '', `${href({ name: 'inbox' })}${search}`);
    this.cursors = [];
    this.found = null;
    this.load();
  }

  private handleClear() {
    this.filters = { ...EMPTY };
    this.applyFilters();
  }

  private async handleSearch(event: Event) {
    event.preventDefault();
    const term = this.search.trim();
    this.searchError = null;
    if (!term) {
      this.searchError = t('required');
      return;
    }
    if (TICKET.test(term.toUpperCase())) return this.openTicket(term.toUpperCase());
    if (term.length < 2) {
      this.searchError = t('inbox.searchTooShort');
      return this.focusSearch();
    }
    try {
      // In the body, never in the address: a name or a document number would land in access logs.
      this.found = await call<RequestSearchResult>(
        `/api/v1/institutions/${encodeURIComponent(this.code)}/request-search`,
        { method: 'POST', body: { q: term } },
      );
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('table, #found-empty')?.focus();
    } catch (error) {
      this.searchError = describeProblem(error);
      await this.focusSearch();
    }
  }

  private async openTicket(ticket: string) {
    try {
      await call(
        `/api/v1/institutions/${encodeURIComponent(this.code)}/requests/${encodeURIComponent(ticket)}`,
      );
      navigate(href({ name: 'request', ticket }));
    } catch (error) {
      this.searchError =
        error instanceof ApiProblem && error.status === 404
          ? t('inbox.notFound', { ticket })
          : describeProblem(error);
      await this.focusSearch();
    }
  }

  private async focusSearch() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
  }

  private async closeSearch() {
    this.found = null;
    this.search = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
  }

  private async page(direction: 'next' | 'first') {
    if (direction === 'next' && this.nextCursor) this.cursors = [...this.cursors, this.nextCursor];
    else this.cursors = [];
    await this.load();
    this.renderRoot.querySelector<HTMLElement>('table')?.focus();
  }

  private renderSelect(id: keyof InboxFilters, label: string, options: [string, string][], any = true) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} name=${id}>
        ${any ? html`<option value="" ?selected=${!this.filters[id]}>${t('inbox.any')}</option>` : nothing}
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.filters[id] === value}>${text}</option>`)}
      </select>
    </div>`;
  }

  private renderFilters() {
    const types = (this.catalog?.requestTypes ?? []).map(
      (type) => [type.code, localized(type.name, type.code)] as [string, string],
    );
    const services = (this.catalog?.services ?? []).map(
      (s) => [s.id, localized(s.name, s.id)] as [string, string],
    );
    return html`<form class="card" novalidate @submit=${this.handleFilters} aria-labelledby="filters-title">
      <h2 id="filters-title">${t('inbox.filters')}</h2>
      <div class="filters">
        ${this.renderSelect(
          'status',
          t('inbox.status'),
          STATUSES.map((status) => [status, t(`statuses.${status}`)]),
        )}
        ${this.renderSelect('type', t('inbox.type'), types)}
        ${this.renderSelect(
          'sort',
          t('inbox.sort'),
          [
            ['due', t('inbox.sortDue')],
            ['newest', t('inbox.sortNewest')],
          ],
          false,
        )}
        ${SERVER_FILTERS.has('service') ? this.renderSelect('service', t('inbox.service'), services) : nothing}
        ${this.renderSelect(
          'unit',
          t('inbox.unit'),
          this.units.map((unit) => [String(unit.id), unit.name]),
        )}
        ${this.renderSelect('assignee', t('inbox.assignee'), [['me', t('inbox.me')]])}
        ${
          SERVER_FILTERS.has('dueWithin')
            ? html`<div class="field">
                <label for="dueWithin">${t('inbox.dueWithin')}</label>
                <input id="dueWithin" name="dueWithin" type="number" min="0" max="90" inputmode="numeric"
                  .value=${this.filters.dueWithin} />
              </div>`
            : nothing
        }
        <div class="field check">
          <input id="overdue" name="overdue" type="checkbox" ?checked=${this.filters.overdue} />
          <label for="overdue">${t('inbox.overdue')}</label>
        </div>
        <div class="field check">
          <input id="replied" name="replied" type="checkbox" ?checked=${this.filters.replied} />
          <label for="replied">${t('inbox.replied')}</label>
        </div>
      </div>
      <div class="actions">
        <button type="submit">${t('inbox.apply')}</button>
        <button type="button" class="secondary" @click=${this.handleClear}>${t('inbox.clear')}</button>
      </div>
    </form>`;
  }

  private renderDays(row: InboxRow) {
    if (!row.dueDate) return html`<span class="tag">${t('inbox.noDeadline')}</span>`;
    if (row.overdue)
      return html`<span class="tag overdue">${t('inbox.overdueBy')}${
        typeof row.businessDaysLeft === 'number'
          ? ` · ${t('inbox.daysLeftN', { n: Math.abs(row.businessDaysLeft) })}`
          : ''
      }</span>`;
    if (typeof row.businessDaysLeft === 'number')
      return html`<span class="tag ${row.businessDaysLeft <= 3 ? 'soon' : ''}">${t('inbox.daysLeftN', { n: row.businessDaysLeft })}</span>`;
    return html`${t('reports.none')}`;
  }

  private renderRows(rows: InboxRow[], caption: string) {
    return html`<div class="table-wrap">
      <table tabindex="-1">
        <caption id="inbox-caption">${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${t('inbox.ticket')}</th>
            <th scope="col">${t('inbox.type')}</th>
            <th scope="col" class="col-service">${t('inbox.service')}</th>
            <th scope="col">${t('inbox.subject')}</th>
            <th scope="col">${t('inbox.status')}</th>
            <th scope="col" class="col-received">${t('inbox.received')}</th>
            <th scope="col">${t('inbox.dueDate')}</th>
            <th scope="col">${t('inbox.daysLeft')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr>
              <td><a href=${href({ name: 'request', ticket: row.ticket })}>${row.ticket}</a></td>
              <td>${typeName(this.catalog, row.type)}</td>
              <td class="col-service">${serviceName(this.catalog, row.service)}</td>
              <td class="subject">${row.subject ?? (row.anonymous ? t('inbox.anonymous') : t('inbox.noSubject'))}</td>
              <td><span class="tag">${t(`statuses.${row.status}`)}</span></td>
              <td class="col-received">${formatDate(row.createdAt)}</td>
              <td>${row.dueDate ? formatDate(row.dueDate) : t('reports.none')}</td>
              <td>${this.renderDays(row)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** A search's results, in the inbox's table, with the way back to the inbox. */
  private renderFound(found: RequestSearchResult) {
    const back = html`<div class="actions">
      <button type="button" class="secondary" @click=${() => this.closeSearch()}>${t('inbox.searchClose')}</button>
    </div>`;
    if (!found.items.length)
      return html`<p role="status" id="found-empty" tabindex="-1">${t('inbox.searchEmpty')}</p>${back}`;
    const caption = found.searchedAs === 'document' ? t('inbox.foundByDocument') : t('inbox.foundByName');
    return html`<p role="status" class="visually-hidden">${t('inbox.count', { n: found.items.length })}</p>
      ${this.renderRows(found.items, caption)}
      ${found.more ? html`<p>${t('inbox.searchMore', { n: found.items.length })}</p>` : nothing}
      ${back}`;
  }

  private renderTable() {
    if (this.found) return this.renderFound(this.found);
    if (this.loading) return html`<p role="status">${t('loading')}</p>`;
    if (this.error)
      return html`<div role="alert"><p>${this.error}</p></div>
        <button type="button" @click=${() => this.load()}>${t('retry')}</button>`;
    if (!this.rows.length) return html`<p role="status">${t('inbox.empty')}</p>`;
    return html`<p role="status" class="visually-hidden">${t('inbox.count', { n: this.rows.length })}</p>
      ${this.renderRows(this.rows, this.byDue ? t('inbox.caption') : t('inbox.captionNewest'))}
      <div class="actions">
        ${this.cursors.length ? html`<button type="button" class="secondary" @click=${() => this.page('first')}>${t('inbox.first')}</button>` : nothing}
        ${this.nextCursor ? html`<button type="button" @click=${() => this.page('next')}>${t('inbox.next')}</button>` : nothing}
      </div>`;
  }

  override render() {
    const supervising = SUPERVISING.includes(this.account.role) || this.account.role === 'auditor';
    return html`<h1>${t('inbox.title')}</h1>
      <p>${supervising ? t('inbox.scopeAll', { institution: this.catalog?.name ?? this.code }) : t('inbox.scopeUnits')}</p>
      <form class="search" role="search" novalidate @submit=${this.handleSearch}>
        <div class="field ${this.searchError ? 'invalid' : ''}">
          <label for="search">${t('inbox.search')}</label>
          <span class="hint" id="search-hint">${t('inbox.searchHint')}</span>
          ${
            this.searchError
              ? html`<span class="error-message" id="search-error" role="alert"
                  ><span class="visually-hidden">${t('errorPrefix')}</span> ${this.searchError}</span>`
              : nothing
          }
          <input id="search" type="search" autocomplete="off" spellcheck="false" .value=${this.search}
            aria-describedby="search-hint ${this.searchError ? 'search-error' : ''}"
            aria-invalid=${this.searchError ? 'true' : 'false'}
            @input=${(e: Event) => {
              this.search = (e.target as HTMLInputElement).value;
            }} />
        </div>
        <button type="submit" class="secondary">${t('inbox.searchSubmit')}</button>
      </form>
      ${this.renderFilters()}
      ${this.renderTable()}`;
  }
}
customElements.define('cc-staff-inbox', StaffInbox);
