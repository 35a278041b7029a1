import { css, html, LitElement, nothing } from 'lit';
import { type StaffRequest, type Status, TRANSITIONS } from '#schema';
import { ApiProblem, call } from '../api.ts';
import { type CatalogView, catalogOf, serviceName, typeName } from '../catalog.ts';
import { type Errors, errorSummary, focusSummary } from '../forms.ts';
import { formatDate, LocalizeController, t } from '../locales/index.ts';
import { describeProblem, issuesByField } from '../problems.ts';
import { href } from '../router.ts';
import { ACTING, type Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';

type StaffEventView = NonNullable<StaffRequest['events']>[number] & { actorName?: string | null };
type RequestView = StaffRequest & { events?: StaffEventView[] };

/** The moves that must tell the citizen something: the note is required there. */
const NOTE_REQUIRED: readonly Status[] = ['needs_info', 'answered', 'transferred'];

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
export class StaffRequestPage extends LitElement {
  static override styles = [sharedStyles, requestStyles];
  static override properties = {
    account: { attribute: false },
    ticket: { type: String },
    request: { state: true },
    catalog: { state: true },
    error: { state: true },
    action: { state: true },
    note: { state: true },
    internalNote: { state: true },
    errors: { state: true },
    general: { state: true },
    busy: { state: true },
    done: { state: true },
  };
  protected readonly localize = new LocalizeController(this);
  declare account: Account;
  declare ticket: string;
  declare private request: RequestView | null;
  declare private catalog: CatalogView | null;
  declare private error: string | null;
  /** The status the open dialog would move the request to. */
  declare private action: Status | null;
  declare private note: string;
  declare private internalNote: string;
  declare private errors: Errors;
  declare private general: string | null;
  declare private busy: boolean;
  declare private done: string | null;
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
    this.errors = {};
    this.general = null;
    this.busy = false;
    this.done = null;
  }

  private get path(): string {
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

  private actionLabel(status: Status): string {
    if (status === 'in_progress' && this.request?.status === 'answered') return t('actions.reopen');
    return t(`actions.${status}` as 'actions.in_progress');
  }

  private async openAction(status: Status, event: Event) {
    this.opener = event.currentTarget as HTMLElement;
    this.action = status;
    this.note = '';
    this.internalNote = '';
    this.errors = {};
    this.general = null;
    this.done = null;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    dialog?.showModal();
    dialog?.querySelector<HTMLElement>('textarea')?.focus();
  }

  private closeDialog() {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private handleDialogClose = () => {
    this.action = null;
    this.opener?.focus();
  };

  private async handleConfirm(event: Event) {
    event.preventDefault();
    const status = this.action;
    if (!status) return;
    this.general = null;
    this.errors =
      NOTE_REQUIRED.includes(status) && !this.note.trim() ? { note: t('actions.noteRequired') } : {};
    if (Object.keys(this.errors).length) return focusSummary(this);
    this.busy = true;
    try {
      await call(`${this.path}/events`, {
        method: 'POST',
        body: {
          status,
          ...(this.note.trim() ? { note: this.note.trim() } : {}),
          ...(this.internalNote.trim() ? { internalNote: this.internalNote.trim() } : {}),
        },
      });
      this.done = t('actions.done', { status: t(`statuses.${status}`) });
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
      this.errors = issuesByField(error, ['note', 'internalNote']);
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

  private actorOf(event: StaffEventView): string {
    if (event.actorName) return event.actorName;
    if (event.actor === 'citizen') return t('request.citizenActor');
    if (event.actor === 'system' || event.actor.startsWith('system')) return t('request.systemActor');
    return event.actor;
  }

  private renderHistory(request: RequestView) {
    const events = request.events ?? [];
    return html`<table>
      <caption>${t('request.historyCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">${t('request.when')}</th>
          <th scope="col">${t('request.who')}</th>
          <th scope="col">${t('request.what')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>${formatDate(request.createdAt)}</td>
          <td>${request.anonymous ? t('inbox.anonymous') : t('request.citizenActor')}</td>
          <td>${t('request.filed')}</td>
        </tr>
        ${events.map(
          (event) => html`<tr>
            <td>${formatDate(event.at)}</td>
            <td>${this.actorOf(event)}</td>
            <td>
              ${
                event.kind === 'anonymized'
                  ? t('request.anonymizedEvent')
                  : t('request.movedTo', { status: t(`statuses.${event.status}`) })
              }
              ${event.note ? html`<div><strong>${t('request.publicNote')}:</strong> <span class="pre">${event.note}</span></div>` : nothing}
              ${
                event.internalNote
                  ? html`<div class="internal"><strong>${t('request.internalNote')}:</strong> <span class="pre">${event.internalNote}</span></div>`
                  : nothing
              }
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderActions(request: RequestView) {
    if (!ACTING.includes(this.account.role)) return html`<p>${t('request.readOnly')}</p>`;
    const next = TRANSITIONS[request.status] ?? [];
    if (!next.length) return html`<p>${t('request.noActions')}</p>`;
    return html`<div class="action-list">
      ${next.map(
        (status) => html`<button type="button" class=${status === 'closed' ? 'secondary' : ''}
          @click=${(event: Event) => this.openAction(status, event)}>${this.actionLabel(status)}</button>`,
      )}
    </div>`;
  }

  private renderPreview(request: RequestView, status: Status) {
    const label = t(`statuses.${status}`);
    const email = request.responseChannel === 'email' ? request.citizen?.email : null;
    const note = this.note.trim();
    return html`<h3 id="receives">${t('actions.citizenReceives')}</h3>
      <div class="preview" aria-labelledby="receives" role="region">
        ${
          !note
            ? html`<p>${t('actions.citizenGetsNothing', { status: label })}</p>`
            : html`<p>${email ? t('actions.citizenGetsMail', { email, status: label }) : t('actions.citizenGetsLookup', { status: label })}</p>
                <p class="pre">${note}</p>`
        }
      </div>`;
  }

  private renderDialog(request: RequestView) {
    const status = this.action;
    const noteLabel =
      status === 'answered'
        ? t('actions.answerLabel')
        : status === 'needs_info'
          ? t('actions.infoLabel')
          : status === 'transferred'
            ? t('actions.transferLabel')
            : t('actions.note');
    const required = status ? NOTE_REQUIRED.includes(status) : false;
    return html`<dialog aria-labelledby="dialog-title" @close=${this.handleDialogClose}>
      ${
        status
          ? html`<form novalidate @submit=${this.handleConfirm}>
              <h2 id="dialog-title">${t('actions.confirmTitle', { action: this.actionLabel(status) })}</h2>
              ${errorSummary(this.errors, this.general, this.shadowRoot)}
              <div class="field ${this.errors.note ? 'invalid' : ''}">
                <label for="note">${noteLabel}${required ? '' : html` <span class="hint">${t('optional')}</span>`}</label>
                ${
                  this.errors.note
                    ? html`<span class="error-message" id="note-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${this.errors.note}</span>`
                    : nothing
                }
                <textarea id="note" name="note" .value=${this.note} aria-invalid=${this.errors.note ? 'true' : 'false'}
                  aria-describedby=${this.errors.note ? 'note-error' : nothing}
                  @input=${(e: Event) => {
                    this.note = (e.target as HTMLTextAreaElement).value;
                  }}></textarea>
              </div>
              <div class="field">
                <label for="internalNote">${t('actions.internalNote')}</label>
                <textarea id="internalNote" name="internalNote" .value=${this.internalNote}
                  @input=${(e: Event) => {
                    this.internalNote = (e.target as HTMLTextAreaElement).value;
                  }}></textarea>
              </div>
              ${this.renderPreview(request, status)}
              <div class="actions">
                <button type="submit" ?disabled=${this.busy}>${t('actions.confirm')}</button>
                <button type="button" class="secondary" @click=${this.closeDialog}>${t('actions.cancel')}</button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
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
              <dt>${t('request.received')}</dt>
              <dd>${formatDate(request.createdAt)}</dd>
              <dt>${t('request.dueDate')}</dt>
              <dd>${request.dueDate ? formatDate(request.dueDate) : t('inbox.noDeadline')}</dd>
            </dl>
          </section>
          <section class="card" aria-labelledby="description-title">
            <h2 id="description-title">${t('request.description')}</h2>
            ${request.subject ? html`<p><strong>${t('request.subject')}:</strong> ${request.subject}</p>` : nothing}
            <p class="pre">${request.description}</p>
          </section>
          <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">${t('request.history')}</h2>
            ${this.renderHistory(request)}
          </section>
        </div>
        <div>
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
      ${this.renderDialog(request)}`;
  }
}
customElements.define('cc-staff-request', StaffRequestPage);
