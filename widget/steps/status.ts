import type { TemplateResult } from 'lit';
import type { Locale, StatusView } from '#schema';
import { attachmentLinks } from '../attachments/links.ts';
import type { Texts } from '../locales/index.ts';
import type { FieldContext } from './fields.ts';
import type { Kit } from './kit.ts';

export interface StatusFormView extends FieldContext {
  t: Texts;
  locale: Locale;
  ticket: string;
  code: string;
  busy: boolean;
  result: StatusView | null;
  onTicket(value: string): void;
  onCode(value: string): void;
  onSubmit(event: Event): void;
  onFocusField(path: string): void;
}

/**
 * `mode="status"`: ticket + tracking code in, status and its history out. A lazy chunk, loaded when an
 * element shows the lookup; Lit and the form blocks come from the entry (`kit.ts`).
 */
export function statusView({ html, nothing, errorSummary, textField, formatDate, formatDateTime }: Kit) {
  return (v: StatusFormView): TemplateResult => {
    const { t, result } = v;
    return html`<form class="status-form" part="form" novalidate @submit=${v.onSubmit}>
        <h2 class="step-title" tabindex="-1">${t.statusTitle}</h2>
        ${errorSummary(v, ['ticket', 'code', 'form'], v.onFocusField)}
        ${textField(v, {
          path: 'ticket',
          label: t.ticket,
          hint: t.ticketHint,
          value: v.ticket,
          autocomplete: 'off',
          onInput: v.onTicket,
        })}
        ${textField(v, {
          path: 'code',
          label: t.trackingCode,
          hint: t.trackingCodeHint,
          value: v.code,
          autocomplete: 'off',
          onInput: v.onCode,
        })}
        <button type="submit" part="button primary-button" aria-disabled=${v.busy ? 'true' : 'false'}>
          ${v.busy ? t.loading : t.lookUp}
        </button>
      </form>
      ${
        result
          ? html`<section class="status-result" part="status-result" aria-labelledby="status-result-title">
            <h2 id="status-result-title" class="step-title" tabindex="-1">${result.ticket}</h2>
            <dl class="summary">
              <div class="summary-row">
                <dt>${t.statusLabel}</dt>
                <dd><strong class="status-tag" data-status=${result.status}>${t.statuses[result.status]}</strong></dd>
              </div>
              <div class="summary-row"><dt>${t.reviewType}</dt><dd>${result.type.name[v.locale]}</dd></div>
              <div class="summary-row"><dt>${t.reviewService}</dt><dd>${result.service.name[v.locale]}</dd></div>
              ${
                result.dueDate
                  ? html`<div class="summary-row">
                    <dt>${t.dueDate}</dt>
                    <dd>${formatDate(result.dueDate, v.locale)}</dd>
                  </div>`
                  : nothing
              }
            </dl>
            ${result.overdue ? html`<p class="warning" part="overdue">${t.overdue}</p>` : nothing}
            ${
              result.response
                ? html`<h3>${t.institutionResponse}</h3>
                  <p class="pre response">${result.response.text}</p>`
                : nothing
            }
            <h3>${t.history}</h3>
            <ol class="timeline" part="timeline">
              ${result.history.map(
                (entry) => html`<li>
                  <strong>${t.statuses[entry.status]}</strong>
                  <time datetime=${entry.at}>${formatDateTime(entry.at, v.locale)}</time>
                  ${entry.note ? html`<p class="pre">${entry.note}</p>` : nothing}
                  ${entry.attachments?.length ? attachmentLinks({ html }, entry.attachments, { code: v.code, locale: v.locale }) : nothing}
                </li>`,
              )}
            </ol>
          </section>`
          : nothing
      }`;
  };
}
