import { html, nothing } from 'lit';
import { formatDate, t } from '../../locales/index.ts';
import { renderFiles } from './files.ts';
import type { RequestHost, RequestView, StaffEventView } from './types.ts';

// The whole history of a request: when, who ("You", "Staff (account 7)", "The citizen"…), what,
// with its public and internal notes and its files.

export function actorOf(host: RequestHost, event: StaffEventView): string {
  if (event.actorName) return event.actorName;
  if (event.actor === 'citizen') return t('request.citizenActor');
  if (event.actor === 'system' || event.actor.startsWith('system')) return t('request.systemActor');
  const [kind, id = ''] = event.actor.split(':');
  if (kind === 'account')
    return String(host.account.id) === id ? t('request.you') : t('request.staffActor', { id });
  if (kind === 'staff' || kind === 'token') return t('request.integrationActor', { id });
  return event.actor;
}

export function renderHistory(host: RequestHost, request: RequestView) {
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
          <td>${actorOf(host, event)}</td>
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
            ${renderFiles(host, event)}
          </td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
