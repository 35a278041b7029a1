import { html, nothing } from 'lit';
import type { Status } from '#schema';
import { call } from '../../api.ts';
import { type Errors, errorSummary, field } from '../../forms.ts';
import { formatDate, t } from '../../locales/index.ts';
import { renderUploads } from './files.ts';
import { type Action, NOTE_REQUIRED, OTHER, type RequestHost, type RequestView } from './types.ts';

// The action dialogs of a request: their fields, what the citizen will receive, the checks before
// sending and the call each action makes.

export function validate(host: RequestHost, action: Action): Errors {
  const errors: Errors = {};
  const current = host.request?.dueDate ?? '';
  if (action === 'assign' && !host.assignUnit && !host.assignAccount)
    errors.assignUnit = t('actions.assignRequired');
  if (action === 'extend' && !(host.newDueDate && host.newDueDate > current))
    errors.dueDate = t('actions.extendDateInvalid');
  if (
    action === 'transferred' &&
    !(host.transferTo && host.transferTo !== OTHER ? true : host.transferName.trim())
  )
    errors[host.transferTo === OTHER ? 'transferName' : 'transferTo'] = t('actions.transferTargetRequired');
  if ((NOTE_REQUIRED.includes(action as Status) || action === 'extend') && !host.note.trim())
    errors.note = t('actions.noteRequired');
  if (host.uploads?.busy) errors.files = t('files.stillUploading');
  else if (host.uploads?.errors.length) errors.files = t('files.removeRefused');
  return errors;
}

/** The call each action makes: extensions and transfers have endpoints of their own. */
export function send(host: RequestHost, action: Action): Promise<unknown> {
  const note = host.note.trim();
  if (action === 'assign')
    return call(`${host.path}/assignment`, {
      method: 'POST',
      body: {
        ...(host.assignUnit ? { unitId: Number(host.assignUnit) } : {}),
        ...(host.assignAccount ? { accountId: Number(host.assignAccount) } : {}),
      },
    });
  if (action === 'extend')
    return call(`${host.path}/extensions`, {
      method: 'POST',
      body: { dueDate: host.newDueDate, reason: note },
    });
  if (action === 'transferred') {
    const target =
      host.transferTo && host.transferTo !== OTHER
        ? { to: host.transferTo }
        : { toName: host.transferName.trim() };
    return call(`${host.path}/transfer`, {
      method: 'POST',
      body: { ...target, ...(note ? { note } : {}) },
    });
  }
  return call(`${host.path}/events`, {
    method: 'POST',
    body: {
      status: action,
      ...(note ? { note } : {}),
      ...(host.internalNote.trim() ? { internalNote: host.internalNote.trim() } : {}),
      ...(host.uploads?.ids.length ? { attachments: host.uploads.ids } : {}),
    },
  });
}

export function renderPreview(host: RequestHost, request: RequestView, action: Action) {
  const email = request.citizen?.email ?? null;
  const note = host.note.trim();
  let lead: string;
  if (action === 'assign') {
    return html`<h3 id="receives">${t('actions.citizenReceives')}</h3>
      <div class="preview" aria-labelledby="receives" role="region"><p>${t('actions.assignInternal')}</p></div>`;
  } else if (action === 'extend') {
    lead = t('actions.citizenGetsExtension', { date: host.newDueDate ? formatDate(host.newDueDate) : '…' });
  } else if (action === 'transferred') {
    const to =
      host.transferTo && host.transferTo !== OTHER
        ? (host.institutions.find((institution) => institution.code === host.transferTo)?.name ??
          host.transferTo)
        : host.transferName.trim() || '…';
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
      ${host.uploads?.ids.length ? html`<p>${t('files.preview', { n: host.uploads.ids.length })}</p>` : nothing}
    </div>`;
}

export function renderTextarea(
  host: RequestHost,
  id: 'note' | 'internalNote',
  label: string,
  required: boolean,
) {
  const error = host.errors[id];
  return html`<div class="field ${error ? 'invalid' : ''}">
    <label for=${id}>${label}${required ? '' : html` <span class="hint">${t('optional')}</span>`}</label>
    ${error ? html`<span class="error-message" id="${id}-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${error}</span>` : nothing}
    <textarea id=${id} name=${id} .value=${host[id]} aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${id}-error` : nothing}
      @input=${(e: Event) => {
        host[id] = (e.target as HTMLTextAreaElement).value;
      }}></textarea>
  </div>`;
}

export function renderTransferTarget(host: RequestHost) {
  const error = host.errors.transferTo;
  return html`<div class="field ${error ? 'invalid' : ''}">
      <label for="transferTo">${t('actions.transferTo')}</label>
      ${error ? html`<span class="error-message" id="transferTo-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${error}</span>` : nothing}
      <select id="transferTo" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'transferTo-error' : nothing}
        @change=${(e: Event) => {
          host.transferTo = (e.target as HTMLSelectElement).value;
        }}>
        <option value="" ?selected=${!host.transferTo}>${t('actions.transferPick')}</option>
        ${host.institutions.map(
          (institution) =>
            html`<option value=${institution.code} ?selected=${host.transferTo === institution.code}>${institution.name}</option>`,
        )}
        <option value=${OTHER} ?selected=${host.transferTo === OTHER}>${t('actions.transferOther')}</option>
      </select>
    </div>
    ${
      host.transferTo === OTHER
        ? field({
            id: 'transferName',
            label: t('actions.transferOtherName'),
            value: host.transferName,
            error: host.errors.transferName,
            onInput: (value) => {
              host.transferName = value;
            },
          })
        : nothing
    }`;
}

export function renderChoice(
  host: RequestHost,
  id: 'assignUnit' | 'assignAccount',
  label: string,
  options: [string, string][],
) {
  const error = host.errors[id];
  return html`<div class="field ${error ? 'invalid' : ''}">
    <label for=${id}>${label}</label>
    ${error ? html`<span class="error-message" id="${id}-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${error}</span>` : nothing}
    <select id=${id} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}
      @change=${(e: Event) => {
        host[id] = (e.target as HTMLSelectElement).value;
      }}>
      <option value="" ?selected=${!host[id]}>${t('actions.assignKeep')}</option>
      ${options.map(([value, text]) => html`<option value=${value} ?selected=${host[id] === value}>${text}</option>`)}
    </select>
  </div>`;
}

export function renderAssignees(host: RequestHost) {
  return html`${renderChoice(
    host,
    'assignUnit',
    t('actions.assignUnit'),
    host.units.map((unit) => [String(unit.id), unit.name]),
  )}
    ${
      host.people.length
        ? renderChoice(
            host,
            'assignAccount',
            t('actions.assignAccount'),
            host.people.map((person) => [String(person.id), `${person.name} (${person.email})`]),
          )
        : nothing
    }`;
}

export function renderDialog(host: RequestHost, request: RequestView) {
  const action = host.action;
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
  return html`<dialog aria-labelledby="dialog-title" @close=${host.handleDialogClose}>
    ${
      action
        ? html`<form novalidate @submit=${(event: Event) => host.handleConfirm(event)}>
            <h2 id="dialog-title">${t('actions.confirmTitle', { action: host.actionLabel(action) })}</h2>
            ${errorSummary(host.errors, host.general, host.shadowRoot)}
            ${
              action === 'extend'
                ? field({
                    id: 'dueDate',
                    label: t('actions.extendDate'),
                    hint: t('actions.extendDateHint', {
                      date: request.dueDate ? formatDate(request.dueDate) : '',
                    }),
                    type: 'date',
                    value: host.newDueDate,
                    min: request.dueDate ?? undefined,
                    error: host.errors.dueDate,
                    onInput: (value) => {
                      host.newDueDate = value;
                    },
                  })
                : nothing
            }
            ${action === 'transferred' ? renderTransferTarget(host) : nothing}
            ${action === 'assign' ? renderAssignees(host) : renderTextarea(host, 'note', noteLabel, required)}
            ${
              action === 'extend' || action === 'transferred' || action === 'assign'
                ? nothing
                : renderTextarea(host, 'internalNote', t('actions.internalNote'), false)
            }
            ${renderUploads(host)}
            ${renderPreview(host, request, action)}
            <div class="actions">
              <button type="submit" ?disabled=${host.busy}>${t('actions.confirm')}</button>
              <button type="button" class="secondary" @click=${() => host.closeDialog()}>${t('actions.cancel')}</button>
            </div>
          </form>`
        : nothing
    }
  </dialog>`;
}
