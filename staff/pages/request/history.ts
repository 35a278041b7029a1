import { html, nothing } from 'lit';
import { formatDate, t } from '../../locales/index.ts';
import { renderFiles } from './files.ts';
import type { RequestHost, RequestView, StaffActivityView, StaffEventView } from './types.ts';

// The whole history of a request: when, who ("You", "Staff (account 7)", "The citizen"…), what,
// with its public and internal notes and its files. The status events and the request's other
// actions (extensions of the due date, assignments: `activity`) are two lists in the API; the
// table interleaves them by time, one row each.

export function actorOf(host: RequestHost, entry: { actor: string; actorName?: string | null }): string {
  if (entry.actorName) return entry.actorName;
  if (entry.actor === 'citizen') return t('request.citizenActor');
  if (entry.actor === 'system' || entry.actor.startsWith('system')) return t('request.systemActor');
  const [kind, id = ''] = entry.actor.split(':');
  if (kind === 'account')
    return String(host.account.id) === id ? t('request.you') : t('request.staffActor', { id });
  if (kind === 'staff' || kind === 'token') return t('request.integrationActor', { id });
  return entry.actor;
}

/** What an extension or an assignment did, in the words of the "What" column. */
function describeActivity(entry: StaffActivityView) {
  if (entry.kind === 'extension') {
    return html`${t('request.extendedFrom', {
      from: formatDate(entry.previousDueDate),
      to: formatDate(entry.dueDate),
    })}
      <div><strong>${t('request.extensionReason')}:</strong> <span class="pre">${entry.reason}</span></div>`;
  }
  const unit = entry.unit?.name;
  const person = entry.assignee?.name;
  if (unit && person) return t('request.assignedToUnitAndPerson', { unit, person });
  if (unit) return t('request.assignedToUnit', { unit });
  if (person) return t('request.assignedToPerson', { person });
  return t('request.unassignedEvent');
}

function describeEvent(host: RequestHost, event: StaffEventView, first: boolean) {
  return html`${
    event.kind === 'anonymized'
      ? t('request.anonymizedEvent')
      : event.status === 'received' && first
        ? t('request.filed')
        : t('request.movedTo', { status: t(`statuses.${event.status}`) })
  }
    ${event.note ? html`<div><strong>${t('request.publicNote')}:</strong> <span class="pre">${event.note}</span></div>` : nothing}
    ${
      event.internalNote
        ? html`<div class="internal"><strong>${t('request.internalNote')}:</strong> <span class="pre">${event.internalNote}</span></div>`
        : nothing
    }
    ${renderFiles(host, event)}`;
}

type Row = {
  at: string;
  entry: { kind: 'event'; event: StaffEventView } | { kind: 'activity'; activity: StaffActivityView };
};

/** Events and activity in one list by time; at the same second an event comes first (a stable sort). */
function rowsOf(request: RequestView): Row[] {
  const rows: Row[] = [
    ...(request.events ?? []).map((event) => ({ at: event.at, entry: { kind: 'event' as const, event } })),
    ...(request.activity ?? []).map((activity) => ({
      at: activity.at,
      entry: { kind: 'activity' as const, activity },
    })),
  ];
  return rows.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
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
      ${rowsOf(request).map(
        ({ at, entry }) => html`<tr>
          <td>${formatDate(at)}</td>
          <td>${actorOf(host, entry.kind === 'event' ? entry.event : entry.activity)}</td>
          <td>
            ${
              entry.kind === 'event'
                ? describeEvent(host, entry.event, entry.event === events[0])
                : describeActivity(entry.activity)
            }
          </td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
