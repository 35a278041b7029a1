import { css, html, LitElement, nothing } from 'lit';
import type { CatalogFile } from '#schema';
import { ApiProblem, call } from '../api.ts';
import { type Errors, errorSummary, focusSummary } from '../forms.ts';
import { LocalizeController, locale, t } from '../locales/index.ts';
import { describeProblem } from '../problems.ts';
import type { Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';
import { attachmentsSection } from './catalog/attachments-section.ts';
import type { SectionContext } from './catalog/context.ts';
import { type CatalogDraft, candidateOf, checkDraft, draftOf, newService } from './catalog/draft.ts';
import { generalSection } from './catalog/general-section.ts';
import { catalogErrors, fieldIds } from './catalog/issues.ts';
import { servicesSection } from './catalog/services-section.ts';
import { typesSection } from './catalog/types-section.ts';
import { adminStyles, institutionPath } from './common.ts';

const catalogStyles = css`
  section {
    margin-bottom: 2rem;
  }
  details.item {
    border: 1px solid #c9ccd1;
    border-radius: 4px;
    margin-bottom: 0.75rem;
  }
  details.item > summary {
    cursor: pointer;
    padding: 0.6rem 0.9rem;
    min-height: 2.75rem;
    box-sizing: border-box;
    font-weight: 600;
  }
  details.item > summary:focus-visible {
    outline: 3px solid #0b5cad;
    outline-offset: 2px;
  }
  .item-body {
    padding: 0 0.9rem 0.5rem;
  }
  .id {
    font-weight: 400;
    font-family: monospace;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    column-gap: 1.5rem;
  }
  input[inputmode='numeric'],
  #attachments-maxMb {
    max-width: 8rem;
  }
`;

/**
 * The institution's catalog edited in a form (issue 20): allowed origins, the privacy notice, the
 * request types' names and descriptions, the services (added, renamed, described, removed) and the
 * attachments policy. The whole file is checked with the catalog file's own schema (`#schema`)
 * before `PUT …/catalog`, which checks it again; either check's issues land on the same fields
 * (catalog/issues.ts). institution_admin only.
 *
 * @tag cc-admin-catalog
 */
export class AdminCatalog extends LitElement {
  static override styles = [sharedStyles, adminStyles, catalogStyles];
  static override properties = {
    account: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    general: { state: true },
    notice: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare private draft: CatalogDraft | null;
  declare private errors: Errors;
  declare private general: string | null;
  declare private notice: string | null;

  constructor() {
    super();
    this.draft = null;
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
      this.draft = draftOf(catalog, locale());
    } catch (error) {
      this.general = describeProblem(error);
    }
  }

  private change = (edit: (draft: CatalogDraft) => void) => {
    if (!this.draft) return;
    const next = structuredClone(this.draft);
    edit(next);
    this.draft = next;
  };

  /** The schema's (or the server's) issues as the form's errors; true if there were any. */
  private showIssues(issues: { path: string; message: string }[]): boolean {
    const ids = this.draft?.catalog.services.map((service) => service.id) ?? [];
    const { fields, general } = catalogErrors(issues, ids);
    this.errors = Object.fromEntries(
      Object.entries(fields).map(([id, key]) => [id, t(`admin.catalog.errors.${key}`)]),
    );
    this.general = general.length ? general.join(' ') : null;
    return issues.length > 0;
  }

  private async handleSubmit(event: Event) {
    event.preventDefault();
    const draft = this.draft;
    if (!draft) return;
    this.notice = null;
    if (this.showIssues(checkDraft(draft))) return focusSummary(this);
    try {
      const saved = await call<{ revision: number }>(this.path, { method: 'PUT', body: candidateOf(draft) });
      await this.load();
      this.notice = t('admin.catalog.saved', { revision: saved.revision });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
    } catch (error) {
      // The server checks the same schema (and what only it knows): its issues land on the fields.
      if (!(error instanceof ApiProblem && error.issues.length && this.showIssues(error.issues)))
        this.general = describeProblem(error);
      focusSummary(this);
    }
  }

  private addService = async () => {
    this.change((d) => {
      d.catalog.services.push(newService(d.catalog));
    });
    await this.updateComplete;
    const index = (this.draft?.catalog.services.length ?? 1) - 1;
    this.renderRoot.querySelector<HTMLElement>(`#${fieldIds.serviceId(index)}`)?.focus();
  };

  private removeService = async (index: number) => {
    const removed = this.draft?.catalog.services[index];
    if (!removed) return;
    this.change((d) => {
      d.catalog.services.splice(index, 1);
    });
    // The errors were of the old positions: drawn again at the next check.
    this.errors = {};
    this.notice = t('admin.catalog.removed', { name: removed.name[locale()] || removed.id || '—' });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#services-title')?.focus();
  };

  override render() {
    if (this.account.role !== 'institution_admin')
      return html`<h1>${t('admin.catalog.title')}</h1><p>${t('admin.forbidden')}</p>`;
    const draft = this.draft;
    const context: SectionContext | null = draft
      ? {
          draft,
          error: (id) => this.errors[id],
          hasErrors: (prefix) => Object.keys(this.errors).some((id) => id.startsWith(prefix)),
          change: this.change,
        }
      : null;
    return html`<h1>${t('admin.catalog.title')}</h1>
      <p>${t('admin.catalog.intro')}</p>
      ${this.notice ? html`<p class="notice" id="notice" tabindex="-1" role="status">${this.notice}</p>` : nothing}
      ${errorSummary(this.errors, this.general, this.shadowRoot)}
      ${
        context
          ? html`<form class="card" novalidate @submit=${this.handleSubmit}>
              ${generalSection(context)}
              ${attachmentsSection(context)}
              ${typesSection(context)}
              ${servicesSection(context, { add: this.addService, remove: this.removeService })}
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
