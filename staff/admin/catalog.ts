import { html, LitElement, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import * as v from 'valibot';
import { type CatalogFile, CatalogFileSchema } from '#schema';
import { call } from '../api.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { LocalizeController, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import type { Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';
import { adminStyles, institutionPath } from './common.ts';

/** The form's field of a catalog issue's path, and its message. */
function fieldOf(path: string): [string, string] | null {
  if (path.startsWith('allowedOrigins')) return ['allowedOrigins', t('admin.catalog.errors.allowedOrigins')];
  if (path === 'privacyNotice.url') return ['privacyUrl', t('admin.catalog.errors.privacyUrl')];
  if (path === 'privacyNotice.version') return ['privacyVersion', t('admin.catalog.errors.privacyVersion')];
  const service = /^services\.(\d+)\.name\.(es|en)$/.exec(path);
  if (service) return [`service-${service[1]}-${service[2]}`, t('admin.catalog.errors.serviceName')];
  return null;
}

/**
 * The institution's catalog edited in a form (issue 20 item 4): allowed origins, the privacy
 * notice and the services' names, checked with the catalog file's own schema before
 * `PUT …/catalog`, which checks it again and imports it. institution_admin only.
 *
 * @tag cc-admin-catalog
 */
export class AdminCatalog extends LitElement {
  static override styles = [sharedStyles, adminStyles];
  static override properties = {
    account: { attribute: false },
    catalog: { state: true },
    origins: { state: true },
    errors: { state: true },
    general: { state: true },
    notice: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare private catalog: CatalogFile | null;
  declare private origins: string;
  declare private errors: Errors;
  declare private general: string | null;
  declare private notice: string | null;

  constructor() {
    super();
    this.catalog = null;
    this.origins = '';
    this.errors = {};
    this.general = null;
    this.notice = null;
  }

  private get path() {
    return institutionPath(this.account.institution ?? '', 'catalog');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.account.role === 'institution_admin') this.load();
  }

  private async load() {
    try {
      const { revision: _, ...catalog } = await call<CatalogFile & { revision: number }>(this.path);
      this.catalog = catalog;
      this.origins = catalog.allowedOrigins.join('\n');
    } catch (error) {
      this.general = describeProblem(error);
    }
  }

  private edit(change: (catalog: CatalogFile) => CatalogFile) {
    if (this.catalog) this.catalog = change(this.catalog);
  }

  private async handleSubmit(event: Event) {
    event.preventDefault();
    if (!this.catalog) return;
    this.general = null;
    this.notice = null;
    const candidate = {
      ...this.catalog,
      allowedOrigins: this.origins.split(/\s+/).filter(Boolean),
    };
    const parsed = v.safeParse(CatalogFileSchema, candidate);
    const errors: Errors = {};
    if (!parsed.success)
      for (const issue of parsed.issues) {
        const found = fieldOf(v.getDotPath(issue) ?? '');
        if (found && !errors[found[0]]) errors[found[0]] = found[1];
        else if (!found && !this.general) this.general = issue.message;
      }
    this.errors = errors;
    if (Object.keys(errors).length || this.general) return focusSummary(this);
    try {
      const saved = await call<{ revision: number }>(this.path, { method: 'PUT', body: candidate });
      await this.load();
      this.notice = t('admin.catalog.saved', { revision: saved.revision });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
    } catch (error) {
      this.general = describeProblem(error);
      focusSummary(this);
    }
  }

  override render() {
    if (this.account.role !== 'institution_admin')
      return html`<h1>${t('admin.catalog.title')}</h1><p>${t('admin.forbidden')}</p>`;
    const catalog = this.catalog;
    const originsError = this.errors.allowedOrigins;
    return html`<h1>${t('admin.catalog.title')}</h1>
      <p>${t('admin.catalog.intro')}</p>
      ${this.notice ? html`<p class="notice" id="notice" tabindex="-1" role="status">${this.notice}</p>` : nothing}
      ${errorSummary(this.errors, this.general, this.shadowRoot)}
      ${
        catalog
          ? html`<form class="card" novalidate @submit=${this.handleSubmit}>
              <div class="field ${originsError ? 'invalid' : ''}">
                <label for="allowedOrigins">${t('admin.catalog.origins')}</label>
                <span class="hint" id="allowedOrigins-hint">${t('admin.catalog.originsHint')}</span>
                ${originsError ? html`<span class="error-message" id="allowedOrigins-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${originsError}</span>` : nothing}
                <textarea id="allowedOrigins" rows="4" .value=${this.origins}
                  aria-describedby=${ifDefined(originsError ? 'allowedOrigins-hint allowedOrigins-error' : 'allowedOrigins-hint')}
                  aria-invalid=${originsError ? 'true' : 'false'}
                  @input=${(event: Event) => {
                    this.origins = (event.target as HTMLTextAreaElement).value;
                  }}></textarea>
              </div>
              ${field({ id: 'privacyUrl', label: t('admin.catalog.privacyUrl'), value: catalog.privacyNotice.url, error: this.errors.privacyUrl, onInput: (url) => this.edit((c) => ({ ...c, privacyNotice: { ...c.privacyNotice, url } })) })}
              ${field({ id: 'privacyVersion', label: t('admin.catalog.privacyVersion'), value: catalog.privacyNotice.version, error: this.errors.privacyVersion, onInput: (version) => this.edit((c) => ({ ...c, privacyNotice: { ...c.privacyNotice, version } })) })}
              <fieldset>
                <legend>${t('admin.catalog.services')}</legend>
                ${catalog.services.map((service, index) =>
                  (['es', 'en'] as const).map((lang) =>
                    field({
                      id: `service-${index}-${lang}`,
                      label: t('admin.catalog.serviceName', {
                        id: service.id,
                        lang: lang === 'es' ? t('platformDash.localeEs') : t('platformDash.localeEn'),
                      }),
                      value: service.name[lang] ?? '',
                      error: this.errors[`service-${index}-${lang}`],
                      onInput: (value) =>
                        this.edit((c) => ({
                          ...c,
                          services: c.services.map((s, i) =>
                            i === index ? { ...s, name: { ...s.name, [lang]: value } } : s,
                          ),
                        })),
                    }),
                  ),
                )}
              </fieldset>
              <p class="actions"><button type="submit" class="button">${t('admin.catalog.save')}</button></p>
            </form>`
          : nothing
      }`;
  }
}

if (!customElements.get('cc-admin-catalog')) customElements.define('cc-admin-catalog', AdminCatalog);

declare global {
  interface HTMLElementTagNameMap {
    'cc-admin-catalog': AdminCatalog;
  }
}
