import { css, html, LitElement, nothing } from 'lit';
import { OPEN_STATUSES, type StaffRequest, type Status, TRANSITIONS } from '#schema';
import { ApiProblem, call } from '../api.ts';
import { downloadFile, formatSize, StaffUploads, typeNames } from '../attachments.ts';
import { type CatalogView, catalogOf, serviceName, typeName } from '../catalog.ts';
import { type Errors, errorSummary, field, focusSummary } from '../forms.ts';
import { formatDate, LocalizeController, t } from '../locales/index.ts';
import { describeProblem, issuesByField } from '../problems.ts';
import { href } from '../router.ts';
import { ACTING, type Account } from '../session.ts';
import { sharedStyles } from '../shared.styles.ts';

type StaffEventView = NonNullable<StaffRequest['events']>[number] & { actorName?: string | null };
type RequestView = StaffRequest & { events?: StaffEventView[] };

/** The moves that must tell the citizen something: the note is required there. */
const NOTE_REQUIRED: readonly Status[] = ['needs_info', 'answered'];
/** The moves that may carry the institution's files (CONTRACT §6). */
const WITH_FILES: readonly Status[] = ['needs_info', 'answered'];
/** The transfer target's value for an institution off the platform. */
const OTHER = '*other';

/** A status to move to (`transferred` has its own endpoint), extending the deadline, or assigning. */
type Action = Status | 'extend' | 'assign';
/** Roles that reassign requests (the server checks it too: api/domain/roles.ts canAssign). */
const ASSIGNING: readonly Account['role'][] = ['supervisor', 'institution_admin'];

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
  declare private request: RequestView | null;
  declare private catalog: CatalogView | null;
  declare private error: string | null;
  /** The status the open dialog would move the request to. */
  declare private action: Action | null;
  declare private note: string;
  declare private newDueDate: string;
  /** An institution's code, OTHER, or '' before a choice. */
  declare private transferTo: string;
  declare private transferName: string;
  declare private institutions: { code: string; name: string }[];
  declare private units: { id: number | string; name: string }[];
  /** The institution's accounts, which only its admins may list. */
  declare private people: { id: number | string; name: string; email: string }[];
  declare private assignUnit: string;
  declare private assignAccount: string;
  declare private internalNote: string;
  declare private errors: Errors;
  declare private general: string | null;
  declare private busy: boolean;
  declare private done: string | null;
  /** The files picked in the open dialog; null where the action carries none. */
  declare private uploads: StaffUploads | null;
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

  private actionLabel(action: Action): string {
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

  private closeDialog() {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private handleDialogClose = () => {
    this.action = null;
    this.opener?.focus();
  };

  private validate(action: Action): Errors {
    const errors: Errors = {};
    const current = this.request?.dueDate ?? '';
    if (action === 'assign' && !this.assignUnit && !this.assignAccount)
      errors.assignUnit = t('actions.assignRequired');
    if (action === 'extend' && !(this.newDueDate && this.newDueDate > current))
      errors.dueDate = t('actions.extendDateInvalid');
    if (
      action === 'transferred' &&
      !(this.transferTo && this.transferTo !== OTHER ? true : this.transferName.trim())
    )
      errors[this.transferTo === OTHER ? 'transferName' : 'transferTo'] = t('actions.transferTargetRequired');
    if ((NOTE_REQUIRED.includes(action as Status) || action === 'extend') && !this.note.trim())
      errors.note = t('actions.noteRequired');
    if (this.uploads?.busy) errors.files = t('files.stillUploading');
    else if (this.uploads?.errors.length) errors.files = t('files.removeRefused');
    return errors;
  }

  /** The call each action makes: extensions and transfers have endpoints of their own. */
  private send(action: Action): Promise<unknown> {
    const note = this.note.trim();
    if (action === 'assign')
      return call(`${this.path}/assignment`, {
        method: 'POST',
        body: {
          ...(this.assignUnit ? { unitId: Number(this.assignUnit) } : {}),
          ...(this.assignAccount ? { accountId: Number(this.assignAccount) } : {}),
        },
      });
    if (action === 'extend')
      return call(`${this.path}/extensions`, {
        method: 'POST',
        body: { dueDate: this.newDueDate, reason: note },
      });
    if (action === 'transferred') {
      const target =
        this.transferTo && this.transferTo !== OTHER
          ? { to: this.transferTo }
          : { toName: this.transferName.trim() };
      return call(`${this.path}/transfer`, {
        method: 'POST',
        body: { ...target, ...(note ? { note } : {}) },
      });
    }
    return call(`${this.path}/events`, {
      method: 'POST',
      body: {
        status: action,
        ...(note ? { note } : {}),
        ...(this.internalNote.trim() ? { internalNote: this.internalNote.trim() } : {}),
        ...(this.uploads?.ids.length ? { attachments: this.uploads.ids } : {}),
      },
    });
  }

  private async handleConfirm(event: Event) {
    event.preventDefault();
    const action = this.action;
    if (!action) return;
    this.general = null;
    this.errors = this.validate(action);
    if (Object.keys(this.errors).length) return focusSummary(this);
    this.busy = true;
    try {
      await this.send(action);
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

  private actorOf(event: StaffEventView): string {
    if (event.actorName) return event.actorName;
    if (event.actor === 'citizen') return t('request.citizenActor');
    if (event.actor === 'system' || event.actor.startsWith('system')) return t('request.systemActor');
    const [kind, id = ''] = event.actor.split(':');
    if (kind === 'account')
      return String(this.account.id) === id ? t('request.you') : t('request.staffActor', { id });
    if (kind === 'staff' || kind === 'token') return t('request.integrationActor', { id });
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
        ${
          events[0]?.status === 'received'
            ? nothing
            : html`<tr>
                <td>${formatDate(request.createdAt)}</td>
                <td>${request.anonymous ? t('inbox.anonymous') : t('request.citizenActor')}</td>
                <td>${t('request.filed')}</td>
              </tr>`
        }
        ${events.map(
          (event) => html`<tr>
            <td>${formatDate(event.at)}</td>
            <td>${this.actorOf(event)}</td>
            <td>
              ${
                event.kind === 'anonymized'
                  ? t('request.anonymizedEvent')
                  : event.status === 'received' && event === events[0]
                    ? t('request.filed')
                    : t('request.movedTo', { status: t(`statuses.${event.status}`) })
              }
              ${event.note ? html`<div><strong>${t('request.publicNote')}:</strong> <span class="pre">${event.note}</span></div>` : nothing}
              ${
                event.internalNote
                  ? html`<div class="internal"><strong>${t('request.internalNote')}:</strong> <span class="pre">${event.internalNote}</span></div>`
                  : nothing
              }
              ${this.renderFiles(event)}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** An event's files: name, type and size, each with a download. */
  private renderFiles(event: StaffEventView) {
    const files = event.attachments ?? [];
    if (!files.length) return nothing;
    return html`<div><strong>${t('files.attached')}:</strong>
      <ul class="files">
        ${files.map(
          (file) => html`<li>
            <button type="button" class="link" @click=${() => this.download(file)}
              aria-label=${t('files.download', { name: file.name })}>${file.name}</button>
            <span class="hint">(${typeNames([file.type])}, ${formatSize(file.size)})</span>
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private async download(file: { url: string; name: string }) {
    this.downloadError = null;
    try {
      await downloadFile(file.url, file.name);
    } catch {
      this.downloadError = t('files.downloadFailed', { name: file.name });
    }
  }

  /** The file picker of an answer or a request for information, with each file's progress. */
  private renderUploads() {
    const uploads = this.uploads;
    const policy = this.catalog?.attachments;
    if (!uploads || !policy) return nothing;
    const error = this.errors.files;
    const hint = t('files.hint', {
      max: String(policy.maxFiles),
      types: typeNames(policy.types),
      size: formatSize(policy.maxBytes),
    });
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label for="files">${t('files.label')} <span class="hint">${t('optional')}</span></label>
      <span class="hint" id="files-hint">${hint}</span>
      ${error ? html`<span class="error-message" id="files-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${error}</span>` : nothing}
      <input id="files" name="files" type="file" multiple
        accept=${policy.types.join(',')}
        aria-describedby=${error ? 'files-hint files-error' : 'files-hint'}
        aria-invalid=${error ? 'true' : 'false'}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          uploads.add(Array.from(input.files ?? []));
          input.value = '';
        }} />
      <ul class="files" aria-live="polite">
        ${uploads.items.map(
          (item) => html`<li>
            <span>${item.name}</span> <span class="hint">(${formatSize(item.size)})</span>
            ${
              item.state === 'uploading'
                ? html`<progress max="1" .value=${item.progress} aria-label=${t('files.uploading', { name: item.name })}></progress>`
                : item.state === 'done'
                  ? html`<span class="hint">${t('files.uploaded')}</span>`
                  : html`<span class="error-message">${item.error}</span>`
            }
            <button type="button" class="secondary small" @click=${() => uploads.remove(item.key)}
              aria-label=${t('files.remove', { name: item.name })}>${t('files.removeShort')}</button>
          </li>`,
        )}
      </ul>
    </div>`;
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

  private renderPreview(request: RequestView, action: Action) {
    const email = request.citizen?.email ?? null;
    const note = this.note.trim();
    let lead: string;
    if (action === 'assign') {
      return html`<h3 id="receives">${t('actions.citizenReceives')}</h3>
        <div class="preview" aria-labelledby="receives" role="region"><p>${t('actions.assignInternal')}</p></div>`;
    } else if (action === 'extend') {
      lead = t('actions.citizenGetsExtension', { date: this.newDueDate ? formatDate(this.newDueDate) : '…' });
    } else if (action === 'transferred') {
      const to =
        this.transferTo && this.transferTo !== OTHER
          ? (this.institutions.find((institution) => institution.code === this.transferTo)?.name ??
            this.transferTo)
          : this.transferName.trim() || '…';
      lead = t('actions.citizenGetsTransfer', { institution: to });
    } else {
      const label = t(`statuses.${action}`);
      // The server mails every move to a citizen who gave an address (outbox-messages.ts).
      if (email)
        lead = note
          ? t('actions.citizenGetsMail', { email, status: label })
          : t('actions.citizenGetsMailNoNote', { email, status: label });
      else
        lead = note
          ? t('actions.citizenGetsLookup', { status: label })
          : t('actions.citizenGetsNothing', { status: label });
    }
    return html`<h3 id="receives">${t('actions.citizenReceives')}</h3>
      <div class="preview" aria-labelledby="receives" role="region">
        <p>${email && (action === 'extend' || action === 'transferred') ? `${t('request.email')}: ${email}. ` : ''}${lead}</p>
        ${note ? html`<p class="pre">${note}</p>` : nothing}
        ${this.uploads?.ids.length ? html`<p>${t('files.preview', { n: this.uploads.ids.length })}</p>` : nothing}
      </div>`;
  }

  private renderTextarea(id: 'note' | 'internalNote', label: string, required: boolean) {
    const error = this.errors[id];
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label for=${id}>${label}${required ? '' : html` <span class="hint">${t('optional')}</span>`}</label>
      ${error ? html`<span class="error-message" id="${id}-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${error}</span>` : nothing}
      <textarea id=${id} name=${id} .value=${this[id]} aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        @input=${(e: Event) => {
          this[id] = (e.target as HTMLTextAreaElement).value;
        }}></textarea>
    </div>`;
  }

  private renderTransferTarget() {
    const error = this.errors.transferTo;
    return html`<div class="field ${error ? 'invalid' : ''}">
        <label for="transferTo">${t('actions.transferTo')}</label>
        ${error ? html`<span class="error-message" id="transferTo-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${error}</span>` : nothing}
        <select id="transferTo" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'transferTo-error' : nothing}
          @change=${(e: Event) => {
            this.transferTo = (e.target as HTMLSelectElement).value;
          }}>
          <option value="" ?selected=${!this.transferTo}>${t('actions.transferPick')}</option>
          ${this.institutions.map(
            (institution) =>
              html`<option value=${institution.code} ?selected=${this.transferTo === institution.code}>${institution.name}</option>`,
          )}
          <option value=${OTHER} ?selected=${this.transferTo === OTHER}>${t('actions.transferOther')}</option>
        </select>
      </div>
      ${
        this.transferTo === OTHER
          ? field({
              id: 'transferName',
              label: t('actions.transferOtherName'),
              value: this.transferName,
              error: this.errors.transferName,
              onInput: (value) => {
                this.transferName = value;
              },
            })
          : nothing
      }`;
  }

  private renderChoice(id: 'assignUnit' | 'assignAccount', label: string, options: [string, string][]) {
    const error = this.errors[id];
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label for=${id}>${label}</label>
      ${error ? html`<span class="error-message" id="${id}-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${error}</span>` : nothing}
      <select id=${id} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}
        @change=${(e: Event) => {
          this[id] = (e.target as HTMLSelectElement).value;
        }}>
        <option value="" ?selected=${!this[id]}>${t('actions.assignKeep')}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${this[id] === value}>${text}</option>`)}
      </select>
    </div>`;
  }

  private renderAssignees() {
    return html`${this.renderChoice(
      'assignUnit',
      t('actions.assignUnit'),
      this.units.map((unit) => [String(unit.id), unit.name]),
    )}
      ${
        this.people.length
          ? this.renderChoice(
              'assignAccount',
              t('actions.assignAccount'),
              this.people.map((person) => [String(person.id), `${person.name} (${person.email})`]),
            )
          : nothing
      }`;
  }

  private renderDialog(request: RequestView) {
    const action = this.action;
    const noteLabel =
      action === 'answered'
        ? t('actions.answerLabel')
        : action === 'needs_info'
          ? t('actions.infoLabel')
          : action === 'transferred'
            ? t('actions.transferLabel')
            : action === 'extend'
              ? t('actions.extendReason')
              : t('actions.note');
    const required = action ? NOTE_REQUIRED.includes(action as Status) || action === 'extend' : false;
    return html`<dialog aria-labelledby="dialog-title" @close=${this.handleDialogClose}>
      ${
        action
          ? html`<form novalidate @submit=${this.handleConfirm}>
              <h2 id="dialog-title">${t('actions.confirmTitle', { action: this.actionLabel(action) })}</h2>
              ${errorSummary(this.errors, this.general, this.shadowRoot)}
              ${
                action === 'extend'
                  ? field({
                      id: 'dueDate',
                      label: t('actions.extendDate'),
                      hint: t('actions.extendDateHint', {
                        date: request.dueDate ? formatDate(request.dueDate) : '',
                      }),
                      type: 'date',
                      value: this.newDueDate,
                      min: request.dueDate ?? undefined,
                      error: this.errors.dueDate,
                      onInput: (value) => {
                        this.newDueDate = value;
                      },
                    })
                  : nothing
              }
              ${action === 'transferred' ? this.renderTransferTarget() : nothing}
              ${action === 'assign' ? this.renderAssignees() : this.renderTextarea('note', noteLabel, required)}
              ${
                action === 'extend' || action === 'transferred' || action === 'assign'
                  ? nothing
                  : this.renderTextarea('internalNote', t('actions.internalNote'), false)
              }
              ${this.renderUploads()}
              ${this.renderPreview(request, action)}
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
            ${this.renderHistory(request)}
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
      ${this.renderDialog(request)}`;
  }
}
customElements.define('cc-staff-request', StaffRequestPage);
