import { css, html, LitElement, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import * as v from 'valibot';
import { PlatformInstitutionSchema, type PlatformReport } from '#schema';
import { ApiProblem, call } from '../api.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { formatDate, formatPercent, LocalizeController, type MessageKey, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import { sharedStyles } from '../shared.styles.ts';

interface InstitutionRow {
  code: string;
  name: string;
  country: string;
  accounts: number;
}

/** The countries a new institution may belong to: those whose law the demo catalogs carry (api/routes/platform.ts). */
const COUNTRIES = [
  { code: 'EC', timezone: 'America/Guayaquil' },
  { code: 'CO', timezone: 'America/Bogota' },
  { code: 'PE', timezone: 'America/Lima' },
] as const;

const FIELDS = ['code', 'name', 'country', 'timezone', 'allowedOrigins', 'adminName', 'adminEmail'] as const;
type FieldName = (typeof FIELDS)[number];

/** The form's field of an issue of PlatformInstitutionSchema, by its path ("admin.email" → adminEmail). */
function fieldOf(path: string): FieldName | null {
  const [head, second] = path.split('.');
  if (head === 'admin') return second === 'email' ? 'adminEmail' : second === 'name' ? 'adminName' : null;
  return (FIELDS as readonly string[]).includes(head ?? '') ? (head as FieldName) : null;
}

const dashboardStyles = css`
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));
    gap: 1.25rem;
  }
  td.number,
  th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  select,
  textarea {
    font: inherit;
  }
  .form-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
    gap: 0 1.5rem;
  }
`;

/**
 * The platform's dashboard (issue 20 item 3): the seeds' management table of the Contacto Ciudadano
 * system — institutions registered and pending, requests registered, attended and pending with their
 * shares, the institutions with most requests — with its CSV, and the form that creates an
 * institution and invites its first admin.
 *
 * @tag cc-platform-dashboard
 */
export class PlatformDashboard extends LitElement {
  static override styles = [sharedStyles, dashboardStyles];
  static override properties = {
    report: { state: true },
    institutions: { state: true },
    loadError: { state: true },
    values: { state: true },
    errors: { state: true },
    general: { state: true },
    created: { state: true },
    busy: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare private report: PlatformReport | null;
  declare private institutions: InstitutionRow[];
  declare private loadError: string | null;
  declare private values: Record<FieldName | 'adminLocale', string>;
  declare private errors: Errors;
  declare private general: string | null;
  declare private created: string | null;
  declare private busy: boolean;

  constructor() {
    super();
    this.report = null;
    this.institutions = [];
    this.loadError = null;
    this.values = {
      code: '',
      name: '',
      country: 'EC',
      timezone: 'America/Guayaquil',
      allowedOrigins: '',
      adminName: '',
      adminEmail: '',
      adminLocale: 'es',
    };
    this.errors = {};
    this.general = null;
    this.created = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  private async load() {
    try {
      const [report, list] = await Promise.all([
        call<PlatformReport>('/api/v1/platform/report'),
        call<{ items: InstitutionRow[] }>('/api/v1/platform/institutions'),
      ]);
      this.report = report;
      this.institutions = list.items;
      this.loadError = null;
    } catch (error) {
      this.loadError = `${t('platformDash.loadError')} ${describeProblem(error)}`;
    }
  }

  private set(name: FieldName | 'adminLocale', value: string) {
    this.values = { ...this.values, [name]: value };
  }

  private get body() {
    const values = this.values;
    return {
      code: values.code.trim().toUpperCase(),
      name: values.name.trim(),
      country: values.country,
      timezone: values.timezone.trim(),
      allowedOrigins: values.allowedOrigins
        .split(/\s+/)
        .map((origin) => origin.trim())
        .filter(Boolean),
      admin: { name: values.adminName.trim(), email: values.adminEmail.trim(), locale: values.adminLocale },
    };
  }

  private async handleSubmit(event: Event) {
    event.preventDefault();
    this.general = null;
    this.created = null;
    const body = this.body;
    const parsed = v.safeParse(PlatformInstitutionSchema, body);
    const errors: Errors = {};
    if (!parsed.success)
      for (const issue of parsed.issues) {
        const name = fieldOf(v.getDotPath(issue) ?? '');
        if (name && !errors[name]) errors[name] = t(`platformDash.errors.${name}` as MessageKey);
      }
    this.errors = Object.fromEntries(
      FIELDS.filter((name) => errors[name]).map((name) => [name, errors[name]]),
    ) as Errors;
    if (Object.keys(this.errors).length) return focusSummary(this);
    this.busy = true;
    try {
      const answer = await call<{ code: string; admin: { email: string } }>('/api/v1/platform/institutions', {
        method: 'POST',
        body,
      });
      this.created = t('platformDash.created', { code: answer.code, email: answer.admin.email });
      this.values = { ...this.values, code: '', name: '', allowedOrigins: '', adminName: '', adminEmail: '' };
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#created')?.focus();
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'email_taken')
        this.errors = { adminEmail: t('platformDash.errors.emailTaken') };
      else if (error instanceof ApiProblem && error.issues.some((issue) => issue.path === 'code'))
        this.errors = { code: t('platformDash.errors.codeTaken') };
      else this.general = describeProblem(error);
      focusSummary(this);
    } finally {
      this.busy = false;
    }
  }

  private renderUsage(report: PlatformReport) {
    const { institutions: i, requests: r } = report;
    const row = (label: string, count: number, share: number | null) =>
      html`<tr><th scope="row">${label}</th><td class="number">${count.toLocaleString(this.lang || undefined)}</td>
        <td class="number">${share === null ? '' : formatPercent(share)}</td></tr>`;
    const head = (caption: string) =>
      html`<caption>${caption}</caption>
        <thead><tr><th scope="col">${t('platformDash.figure')}</th><th scope="col" class="number">${t('platformDash.count')}</th>
          <th scope="col" class="number">${t('platformDash.share')}</th></tr></thead>`;
    return html`<section class="card" aria-labelledby="usage-title">
      <h2 id="usage-title">${t('platformDash.usage')}</h2>
      <p class="hint">${t('platformDash.at', { at: formatDate(report.at) })}</p>
      <div class="grid">
        <table id="institutions-table">
          ${head(t('platformDash.institutions'))}
          <tbody>
            ${row(t('platformDash.registered'), i.registered, i.registeredShare)}
            ${row(t('platformDash.pending'), i.pending, i.pendingShare)}
            ${row(t('platformDash.total'), i.total, null)}
          </tbody>
        </table>
        <table id="requests-table">
          ${head(t('platformDash.requests'))}
          <tbody>
            ${row(t('platformDash.attended'), r.attended, r.attendedShare)}
            ${row(t('platformDash.requestsPending'), r.pending, r.pendingShare)}
            ${row(t('platformDash.requestsRegistered'), r.registered, null)}
          </tbody>
        </table>
      </div>
      <p class="hint">${t('platformDash.pendingHint')}</p>
    </section>`;
  }

  private renderTop(report: PlatformReport) {
    return html`<section class="card" aria-labelledby="top-title">
      <h2 id="top-title">${t('platformDash.top')}</h2>
      ${
        report.top.length
          ? html`<table id="top-table">
              <caption class="visually-hidden">${t('platformDash.top')}</caption>
              <thead><tr>
                <th scope="col">${t('platformDash.topName')}</th>
                <th scope="col" class="number">${t('platformDash.topRegistered')}</th>
                <th scope="col" class="number">${t('platformDash.topAttended')}</th>
                <th scope="col" class="number">${t('platformDash.topPending')}</th>
                <th scope="col" class="number">${t('platformDash.topShare')}</th>
              </tr></thead>
              <tbody>
                ${report.top.map(
                  (row) => html`<tr>
                    <th scope="row">${row.name} (${row.code})</th>
                    <td class="number">${row.registered}</td>
                    <td class="number">${row.attended}</td>
                    <td class="number">${row.pending}</td>
                    <td class="number">${formatPercent(row.attendedShare)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${t('platformDash.noRequests')}</p>`
      }
      <p class="actions"><a id="csv" href="/api/v1/platform/report.csv" download>${t('platformDash.csv')}</a></p>
    </section>`;
  }

  private renderForm() {
    const values = this.values;
    const error = (name: FieldName) => this.errors[name];
    const describedBy = (name: FieldName, hint: boolean) =>
      [hint ? `${name}-hint` : '', error(name) ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
    const errorLine = (name: FieldName) =>
      error(name)
        ? html`<span class="error-message" id="${name}-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${error(name)}</span>`
        : nothing;
    return html`<section class="card" aria-labelledby="create-title">
      <h2 id="create-title">${t('platformDash.create')}</h2>
      <p>${t('platformDash.createIntro')}</p>
      ${this.created ? html`<p class="notice" id="created" tabindex="-1" role="status">${this.created}</p>` : nothing}
      ${errorSummary(this.errors, this.general, this.shadowRoot)}
      <form novalidate @submit=${this.handleSubmit}>
        <div class="form-grid">
          ${field({ id: 'code', label: t('platformDash.code'), hint: t('platformDash.codeHint'), value: values.code, error: error('code'), onInput: (value) => this.set('code', value) })}
          ${field({ id: 'name', label: t('platformDash.name'), value: values.name, error: error('name'), onInput: (value) => this.set('name', value) })}
          <div class="field ${error('country') ? 'invalid' : ''}">
            <label for="country">${t('platformDash.country')}</label>
            ${errorLine('country')}
            <select id="country" name="country" aria-describedby=${ifDefined(describedBy('country', false))}
              @change=${(event: Event) => {
                const code = (event.target as HTMLSelectElement).value;
                this.values = {
                  ...this.values,
                  country: code,
                  timezone: COUNTRIES.find((c) => c.code === code)?.timezone ?? this.values.timezone,
                };
              }}>
              ${COUNTRIES.map(
                (c) =>
                  html`<option value=${c.code} ?selected=${values.country === c.code}>${t(`platformDash.countries.${c.code}`)}</option>`,
              )}
            </select>
          </div>
          ${field({ id: 'timezone', label: t('platformDash.timezone'), hint: t('platformDash.timezoneHint'), value: values.timezone, error: error('timezone'), onInput: (value) => this.set('timezone', value) })}
          ${field({ id: 'adminName', label: t('platformDash.adminName'), value: values.adminName, error: error('adminName'), autocomplete: 'off', onInput: (value) => this.set('adminName', value) })}
          ${field({ id: 'adminEmail', label: t('platformDash.adminEmail'), type: 'email', value: values.adminEmail, error: error('adminEmail'), autocomplete: 'off', onInput: (value) => this.set('adminEmail', value) })}
          <div class="field">
            <label for="adminLocale">${t('platformDash.adminLocale')}</label>
            <select id="adminLocale" name="adminLocale" @change=${(event: Event) => this.set('adminLocale', (event.target as HTMLSelectElement).value)}>
              <option value="es" ?selected=${values.adminLocale === 'es'}>${t('platformDash.localeEs')}</option>
              <option value="en" ?selected=${values.adminLocale === 'en'}>${t('platformDash.localeEn')}</option>
            </select>
          </div>
          <div class="field ${error('allowedOrigins') ? 'invalid' : ''}">
            <label for="allowedOrigins">${t('platformDash.origins')} ${t('optional')}</label>
            <span class="hint" id="allowedOrigins-hint">${t('platformDash.originsHint')}</span>
            ${errorLine('allowedOrigins')}
            <textarea id="allowedOrigins" name="allowedOrigins" rows="3" .value=${values.allowedOrigins}
              aria-describedby=${ifDefined(describedBy('allowedOrigins', true))}
              aria-invalid=${error('allowedOrigins') ? 'true' : 'false'}
              @input=${(event: Event) => this.set('allowedOrigins', (event.target as HTMLTextAreaElement).value)}></textarea>
          </div>
        </div>
        <p class="actions"><button type="submit" class="button" ?disabled=${this.busy}>
          ${this.busy ? t('platformDash.creating') : t('platformDash.submit')}</button></p>
      </form>
    </section>`;
  }

  private renderInstitutions() {
    return html`<section class="card" aria-labelledby="list-title">
      <h2 id="list-title">${t('platformDash.list')}</h2>
      <table id="institutions-list">
        <caption class="visually-hidden">${t('platformDash.list')}</caption>
        <thead><tr><th scope="col">${t('platformDash.topCode')}</th><th scope="col">${t('platformDash.topName')}</th>
          <th scope="col">${t('platformDash.country')}</th><th scope="col" class="number">${t('platformDash.accounts')}</th></tr></thead>
        <tbody>
          ${this.institutions.map(
            (row) => html`<tr><th scope="row">${row.code}</th><td>${row.name}</td><td>${row.country}</td>
              <td class="number">${row.accounts}</td></tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  override render() {
    return html`<h1>${t('platformDash.title')}</h1>
      <p>${t('platformDash.intro')}</p>
      ${this.loadError ? html`<p role="alert" class="error-message">${this.loadError}</p>` : nothing}
      ${this.report ? html`${this.renderUsage(this.report)} ${this.renderTop(this.report)}` : nothing}
      ${this.renderForm()}
      ${this.institutions.length ? this.renderInstitutions() : nothing}`;
  }
}

if (!customElements.get('cc-platform-dashboard'))
  customElements.define('cc-platform-dashboard', PlatformDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'cc-platform-dashboard': PlatformDashboard;
  }
}
