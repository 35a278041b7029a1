import { css, html, LitElement, nothing } from 'lit';
import { OPEN_STATUSES, type Status, TRANSITIONS } from '#schema';
import { ApiProblem, call } from '../api.ts';
import { downloadFile, StaffUploads } from '../attachments.ts';
import { type CatalogView, catalogOf, serviceName, typeName } from '../catalog.ts';
import { type Errors, focusSummary } from '../forms.ts';
import { formatDate, LocalizeController, t } from '../locales/index.ts';
import { describeProblem, issuesByField } from '../problems.ts';
import { href } from '../router.ts';
import { ACTING, type Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';
import { renderDialog, send, validate } from './request/dialogs.ts';
import { renderHistory } from './request/history.ts';
import { type Action, ASSIGNING, type RequestHost, type RequestView, WITH_FILES } from './request/types.ts';

const requestStyles = css`
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
    gap: 1.25rem;
    align-items: start;
  }
  @media (max-width: 1000px) {
    .columns {
      grid-template-columns: minmax(0, 1fr);
    }
    /* On a tablet the actions come before the long history. */
    .side {
      order: -1;
    }
  }
  .action-list {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    align-items: stretch;
  }
  dialog {
    width: min(42rem, calc(100vw - 2rem));
    border: 2px solid #1b1b1b;
    border-radius: 6px;
    padding: 1.25rem 1.5rem;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .preview {
    border: 1px dashed #5c6168;
    background: #f7f8fa;
    padding: 0.75rem 1rem;
    margin: 0.5rem 0 1rem;
  }
  .files {
    margin: 0.25rem 0;
    padding-left: 1.25rem;
  }
  .files li {
    margin: 0.25rem 0;
  }
  button.link {
    background: none;
    border: none;
    padding: 0;
    min-height: 24px;
    color: #1d4f91;
    text-decoration: underline;
    cursor: pointer;
    font: inherit;
  }
  button.small {
    min-height: 24px;
    padding: 0.1rem 0.5rem;
    margin-left: 0.5rem;
  }
  .internal {
    background: #fff8e1;
    border-left: 4px solid #8a6d00;
    padding: 0.25rem 0.5rem;
    margin-top: 0.25rem;
  }
`;

/**
 * One request: the citizen's data, the description, the whole history (who did what, public and
 * internal notes) and the actions the status machine (TRANSITIONS, from the contract) and the
 * person's role allow, each confirmed in a dialog that shows what the citizen will receive.
 *
 * @tag cc-staff-request
 */
export class StaffRequestPage extends LitElement implements RequestHost {
  static override styles = [sharedStyles, requestStyles];
  static override properties = {
    account: { attribute: false },
    ticket: { type: String },
    request: { state: true },
    catalog: { state: true },
    error: { state: true },
    action: { state: true },
    note: { state: true },
    newDueDate: { state: true },
    transferTo: { state: true },
    transferName: { state: true },
    institutions: { state: true },
    units: { state: true },
    people: { state: true },
    assignUnit: { state: true },
    assignAccount: { state: true },
    internalNote: { state: true },
    errors: { state: true },
    general: { state: true },
    busy: { state: true },
    done: { state: true },
    uploads: { state: true },
    downloadError: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare ticket: string;
  declare request: RequestView | null;
  declare catalog: CatalogView | null;
  declare private error: string | null;
  /** The status the open dialog would move the request to. */
  declare action: Action | null;
  declare note: string;
  declare newDueDate: string;
  /** An institution's code, OTHER, or '' before a choice. */
  declare transferTo: string;
  declare transferName: string;
  declare institutions: { code: string; name: string }[];
  declare units: { id: number | string; name: string }[];
  /** The institution's accounts, which only its admins may list. */
  declare people: { id: number | string; name: string; email: string }[];
  declare assignUnit: string;
  declare assignAccount: string;
  declare internalNote: string;
  declare errors: Errors;
  declare general: string | null;
  declare busy: boolean;
  declare private done: string | null;
  /** The files picked in the open dialog; null where the action carries none. */
  declare uploads: StaffUploads | null;
  declare private downloadError: string | null;
  /** The button that opened the dialog, to give focus back to when it closes. */
  private opener: HTMLElement | null = null;

  constructor() {
    super();
    this.request = null;
    this.catalog = null;
    this.error = null;
    this.action = null;
    this.note = '';
    this.internalNote = '';
    this.newDueDate = '';
    this.transferTo = '';
    this.transferName = '';
    this.institutions = [];
    this.units = [];
    this.people = [];
    this.assignUnit = '';
    this.assignAccount = '';
    this.errors = {};
    this.general = null;
    this.busy = false;
    this.done = null;
    this.uploads = null;
    this.downloadError = null;
  }

  get path(): string {
    return `/api/v1/institutions/${encodeURIComponent(this.account.institution ?? '')}/requests/${encodeURIComponent(this.ticket)}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    catalogOf(this.account.institution ?? '')
      .then((catalog) => {
        this.catalog = catalog;
      })
      .catch(() => {
        // Names fall back to codes.
      });
    this.load();
  }

  private async load() {
    try {
      this.request = await call<RequestView>(this.path);
      this.error = null;
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.status === 404
          ? t('inbox.notFound', { ticket: this.ticket })
          : describeProblem(error);
    }
  }

  actionLabel(action: Action): string {
    if (action === 'in_progress' && this.request?.status === 'answered') return t('actions.reopen');
    return t(`actions.${action}` as 'actions.in_progress');
  }

  private async openAction(action: Action, event: Event) {
    this.opener = event.currentTarget as HTMLElement;
    this.action = action;
    this.note = '';
    this.internalNote = '';
    this.newDueDate = '';
    this.transferTo = '';
    this.transferName = '';
    this.assignUnit = '';
    this.assignAccount = '';
    this.errors = {};
    this.general = null;
    this.done = null;
    const policy = this.catalog?.attachments;
    this.uploads =
      policy && WITH_FILES.includes(action as Status)
        ? new StaffUploads(
            this.account.institution ?? '',
            policy,
            {
              wrongType: (name, types) => t('files.wrongType', { name, types }),
              tooLarge: (name, max) => t('files.tooLarge', { name, max }),
              tooMany: (max) => t('files.tooMany', { max: String(max) }),
              empty: (name) => t('files.empty', { name }),
              failed: (name) => t('files.failed', { name }),
            },
            () => this.requestUpdate(),
          )
        : null;
    if (action === 'assign') this.loadAssignees();
    if (action === 'transferred' && !this.institutions.length) {
      call<{ code: string; name: string }[]>('/api/v1/institutions')
        .then((list) => {
          this.institutions = list.filter((institution) => institution.code !== this.account.institution);
        })
        .catch(() => {
          // Off-platform transfers stay possible by name.
        });
    }
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    dialog?.showModal();
    dialog?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }

  private async loadAssignees() {
    const base = `/api/v1/institutions/${encodeURIComponent(this.account.institution ?? '')}`;
    try {
      this.units = (await call<{ items: { id: number; name: string }[] }>(`${base}/units`)).items;
      if (this.account.role === 'institution_admin')
        this.people = (
          await call<{ items: { id: number; name: string; email: string }[] }>(`${base}/accounts`)
        ).items;
    } catch (error) {
      this.general = describeProblem(error);
    }
  }

  closeDialog() {
    this.renderRoot.querySelector('dialog')?.close();
  }

  handleDialogClose = () => {
    this.action = null;
    this.opener?.focus();
  };

  async handleConfirm(event: Event) {
    event.preventDefault();
    const action = this.action;
    if (!action) return;
    this.general = null;
    this.errors = validate(this, action);
    if (Object.keys(this.errors).length) return focusSummary(this);
    this.busy = true;
    try {
      await send(this, action);
      this.done =
        action === 'extend'
          ? `${t('actions.extend')}: ${formatDate(this.newDueDate)}`
          : action === 'assign'
            ? t('actions.assigned')
            : t('actions.done', { status: t(`statuses.${action}`) });
      this.closeDialog();
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#done')?.focus();
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'invalid_transition') {
        this.closeDialog();
        await this.load();
        this.done = t('actions.conflict');
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#done')?.focus();
        return;
      }
      this.errors = issuesByField(error, ['note', 'internalNote', 'dueDate']);
      if (error instanceof ApiProblem && /attachment|file/.test(error.code))
        this.errors.files = describeProblem(error);
      if (!Object.keys(this.errors).length) this.general = describeProblem(error);
      focusSummary(this);
    } finally {
      this.busy = false;
    }
  }

  private renderCitizen(request: RequestView) {
    if (request.anonymizedAt)
      return html`<p>${t('request.anonymized', { at: formatDate(request.anonymizedAt) })}</p>`;
    const citizen = request.citizen;
    if (!citizen) return html`<p>${t('request.anonymous')}</p>`;
    return html`<dl>
      <dt>${t('request.name')}</dt>
      <dd>${citizen.firstName} ${citizen.lastName}</dd>
      <dt>${t('request.document')}</dt>
      <dd>${citizen.documentType} ${citizen.documentNumber}</dd>
      ${citizen.email ? html`<dt>${t('request.email')}</dt><dd>${citizen.email}</dd>` : nothing}
      ${citizen.phone ? html`<dt>${t('request.phone')}</dt><dd>${citizen.phone}</dd>` : nothing}
      ${
        request.responseChannel
          ? html`<dt>${t('request.channel')}</dt><dd>${t(`request.channels.${request.responseChannel}` as 'request.channels.email')}</dd>`
          : nothing
      }
      ${
        citizen.preferentialAttention.length
          ? html`<dt>${t('request.preferential')}</dt><dd>${citizen.preferentialAttention.join(', ')}</dd>`
          : nothing
      }
      <dt>${t('request.locale')}</dt>
      <dd>${request.locale}</dd>
    </dl>`;
  }

  async download(file: { url: string; name: string }) {
    this.downloadError = null;
    try {
      await downloadFile(file.url, file.name);
    } catch {
      this.downloadError = t('files.downloadFailed', { name: file.name });
    }
  }

  private renderActions(request: RequestView) {
    if (!ACTING.includes(this.account.role)) return html`<p>${t('request.readOnly')}</p>`;
    const assign = ASSIGNING.includes(this.account.role) ? (['assign'] as Action[]) : [];
    // Withdrawal is the citizen's (or the legal clock's) move, never the staff's.
    const next: Action[] = (TRANSITIONS[request.status] ?? []).filter((status) => status !== 'withdrawn');
    if (OPEN_STATUSES.includes(request.status) && request.dueDate) next.splice(next.length - 1, 0, 'extend');
    next.push(...assign);
    if (!next.length) return html`<p>${t('request.noActions')}</p>`;
    return html`<div class="action-list">
      ${next.map(
        (action) => html`<button type="button" class=${action === 'closed' ? 'secondary' : ''}
          @click=${(event: Event) => this.openAction(action, event)}>${this.actionLabel(action)}</button>`,
      )}
    </div>`;
  }

  override render() {
    const back = html`<p><a href=${href({ name: 'inbox' })}>← ${t('request.back')}</a></p>`;
    if (this.error)
      return html`${back}<h1>${t('request.title', { ticket: this.ticket })}</h1><p role="alert">${this.error}</p>`;
    const request = this.request;
    if (!request) return html`${back}<p role="status">${t('loading')}</p>`;
    return html`${back}
      <h1>${t('request.title', { ticket: request.ticket })}</h1>
      ${this.done ? html`<p class="notice" id="done" tabindex="-1" role="status">${this.done}</p>` : nothing}
      ${this.downloadError ? html`<p class="notice" role="alert">${this.downloadError}</p>` : nothing}
      <div class="columns">
        <div>
          <section class="card" aria-labelledby="summary-title">
            <h2 id="summary-title">${t('request.summary')}</h2>
            <dl>
              <dt>${t('request.status')}</dt>
              <dd><span class="tag ${request.overdue ? 'overdue' : ''}">${t(`statuses.${request.status}`)}${request.overdue ? ` · ${t('inbox.overdueBy')}` : ''}</span></dd>
              <dt>${t('request.type')}</dt>
              <dd>${typeName(this.catalog, request.type)}</dd>
              <dt>${t('request.service')}</dt>
              <dd>${serviceName(this.catalog, request.service)}</dd>
              <dt>${t('request.unit')}</dt>
              <dd>${request.unit?.name ?? t('request.noUnit')}</dd>
              <dt>${t('request.assignee')}</dt>
              <dd>${
                request.assignee
                  ? request.assignee.id === Number(this.account.id)
                    ? `${request.assignee.name} (${t('request.you')})`
                    : request.assignee.name
                  : t('request.unassigned')
              }</dd>
              <dt>${t('request.received')}</dt>
              <dd>${formatDate(request.createdAt)}</dd>
              <dt>${t('request.dueDate')}</dt>
              <dd>${request.dueDate ? formatDate(request.dueDate) : t('inbox.noDeadline')}</dd>
              ${
                request.originalDueDate && request.originalDueDate !== request.dueDate
                  ? html`<dt>${t('request.originalDueDate')}</dt><dd>${formatDate(request.originalDueDate)}</dd>`
                  : nothing
              }
              ${request.replyBy ? html`<dt>${t('request.replyBy')}</dt><dd>${formatDate(request.replyBy)}</dd>` : nothing}
              ${
                request.citizenRepliedAt
                  ? html`<dt>${t('request.citizenReplied')}</dt><dd>${formatDate(request.citizenRepliedAt)}</dd>`
                  : nothing
              }
              ${
                request.transferredTo || request.transferredToName
                  ? html`<dt>${t('request.transferredTo')}</dt><dd>${request.transferredToName ?? ''} ${request.transferredTo ? `(${request.transferredTo})` : ''}</dd>`
                  : nothing
              }
              ${request.transferredFrom ? html`<dt>${t('request.transferredFrom')}</dt><dd>${request.transferredFrom}</dd>` : nothing}
            </dl>
          </section>
          <section class="card" aria-labelledby="description-title">
            <h2 id="description-title">${t('request.description')}</h2>
            ${request.subject ? html`<p><strong>${t('request.subject')}:</strong> ${request.subject}</p>` : nothing}
            <p class="pre">${request.description}</p>
          </section>
          <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">${t('request.history')}</h2>
            ${renderHistory(this, request)}
          </section>
        </div>
        <div class="side">
          <section class="card" aria-labelledby="actions-title">
            <h2 id="actions-title">${t('request.actions')}</h2>
            ${this.renderActions(request)}
          </section>
          <section class="card" aria-labelledby="citizen-title">
            <h2 id="citizen-title">${t('request.citizen')}</h2>
            ${this.renderCitizen(request)}
          </section>
        </div>
      </div>
      ${renderDialog(this, request)}`;
  }
}
customElements.define('cc-staff-request', StaffRequestPage);
