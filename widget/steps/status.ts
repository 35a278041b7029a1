import type { TemplateResult } from 'lit';
import type { Locale, StatusView } from '#schema';
import { fileField } from '../attachments/file-field.ts';
import { attachmentLinks } from '../attachments/links.ts';
import { ATTACHMENT_TEXTS } from '../attachments/texts.ts';
import type { Texts } from '../locales/index.ts';
import { type StatusTexts, statusTexts } from '../locales/status-texts.ts';
import { type LinkedRequest, RATEABLE, WITHDRAWABLE } from '../status-life.ts';
import type { FieldContext } from './fields.ts';
import type { Kit } from './kit.ts';
import { ReplyFiles } from './reply-files.ts';
import { type ActionHost, type ActionKind, StatusActions } from './status-actions.ts';

export interface StatusFormView extends FieldContext {
  t: Texts;
  locale: Locale;
  api: string;
  ticket: string;
  code: string;
  busy: boolean;
  result: StatusView | null;
  /** The tracking code the result was looked up with: the actions and linked requests use it. */
  resultCode: string;
  host: ActionHost;
  onTicket(value: string): void;
  onCode(value: string): void;
  onSubmit(event: Event): void;
  onFocusField(path: string): void;
  /** Looks the shown request up again, without moving focus. */
  refresh(): Promise<void>;
  /** Looks up a linked request (a transfer) with the same tracking code. */
  openLinked(ticket: string): void;
}

/**
 * `mode="status"`: ticket + tracking code in, status and its history out, and what the citizen can
 * do about it: answer a request for information, withdraw, rate the answer. A lazy chunk, loaded when
 * an element shows the lookup; Lit and the form blocks come from the entry (`kit.ts`).
 */
export function statusView(kit: Kit) {
  const { html, nothing, fill, errorSummary, radioGroup, textField, formatDate, formatDateTime } = kit;
  const actionsOf = new WeakMap<ActionHost, StatusActions>();
  const filesOf = new WeakMap<ActionHost, ReplyFiles>();

  /** The error summary or the banner of one action's form (only its own problems). */
  function problems(v: StatusFormView, a: StatusActions, kind: ActionKind, paths: string[]) {
    const errors = Object.fromEntries(
      Object.entries(a.errors).filter(([path]) => path.startsWith(`${kind}.`)),
    );
    return html`${
      a.banner?.kind === kind
        ? html`<div class="banner" role="alert" tabindex="-1"><p>${a.banner.text}</p></div>`
        : nothing
    }${errorSummary({ t: v.t, errors }, paths, v.onFocusField)}`;
  }

  function sendButton(a: StatusActions, kind: ActionKind, label: string, st: StatusTexts, t: Texts) {
    const busy = a.busy === kind;
    const retry = a.banner?.kind === kind;
    return html`<button type="submit" part="button primary-button" aria-disabled=${busy ? 'true' : 'false'}>
      ${busy ? st.sending : retry ? t.retry : label}
    </button>`;
  }

  function question(v: StatusFormView, r: StatusView, a: StatusActions, st: StatusTexts, files: ReplyFiles) {
    const asked = [...r.history].reverse().find((entry) => entry.status === 'needs_info');
    const ctx = { t: v.t, errors: a.errors };
    return html`<section class="action" id="action-reply" aria-labelledby="reply-title">
      <h3 id="reply-title">${st.question}</h3>
      ${
        asked?.note
          ? html`<p>${st.questionIntro}</p>
            <blockquote class="pre question">${asked.note}</blockquote>`
          : nothing
      }
      ${r.replyBy ? html`<p><strong>${fill(st.replyByText, { date: formatDate(r.replyBy, v.locale) })}</strong></p>` : nothing}
      <form part="form" novalidate @submit=${a.submitReply}>
        ${problems(v, a, 'reply', ['reply.message', 'reply.attachments'])}
        ${textField(ctx, {
          path: 'reply.message',
          label: st.replyLabel,
          hint: st.replyHint,
          multiline: true,
          value: a.draft.reply,
          onInput: (reply) => a.update({ reply }),
        })}
        ${replyFileField(v, r, a, files)}
        <div class="actions">${sendButton(a, 'reply', st.replySend, st, v.t)}</div>
      </form>
    </section>`;
  }

  function replyFileField(v: StatusFormView, r: StatusView, a: StatusActions, files: ReplyFiles) {
    const list = files.sync(v.api, r.institution.code, r.ticket, v.locale, a);
    if (!list) return nothing;
    const error = a.errors['reply.attachments']
      ? kit.errorMessage({ t: v.t, errors: a.errors }, 'reply.attachments')
      : undefined;
    return fileField(
      kit,
      list,
      ATTACHMENT_TEXTS[v.locale],
      v.locale,
      kit.fieldId('reply.attachments'),
      error,
    );
  }

  function withdrawal(v: StatusFormView, a: StatusActions, st: StatusTexts) {
    if (!a.confirmingWithdrawal) {
      return html`<div class="actions">
        <button type="button" id="withdraw-open" part="button secondary-button" class="secondary" @click=${a.openWithdrawal}>
          ${st.withdrawOpen}
        </button>
      </div>`;
    }
    const ctx = { t: v.t, errors: a.errors };
    return html`<section class="action" id="action-withdraw" aria-labelledby="withdraw-title">
      <h3 id="withdraw-title" tabindex="-1">${st.withdrawTitle}</h3>
      <p id="withdraw-explain">${st.withdrawExplain}</p>
      <form part="form" novalidate @submit=${a.submitWithdrawal} aria-describedby="withdraw-explain">
        ${problems(v, a, 'withdraw', ['withdraw.reason'])}
        ${textField(ctx, {
          path: 'withdraw.reason',
          label: st.withdrawReason,
          hint: st.withdrawReasonHint,
          optional: true,
          multiline: true,
          value: a.draft.reason,
          onInput: (reason) => a.update({ reason }),
        })}
        <div class="actions">
          ${sendButton(a, 'withdraw', st.withdrawConfirm, st, v.t)}
          <button type="button" part="button secondary-button" class="secondary" @click=${a.cancelWithdrawal}>
            ${st.withdrawCancel}
          </button>
        </div>
      </form>
    </section>`;
  }

  function rating(v: StatusFormView, r: StatusView, a: StatusActions, st: StatusTexts) {
    if (r.rated) return html`<p class="rated">${st.rated}</p>`;
    const ctx = { t: v.t, errors: a.errors };
    return html`<section class="action" id="action-rate" aria-labelledby="rate-title">
      <h3 id="rate-title" tabindex="-1">${st.rateTitle}</h3>
      <p>${st.rateIntro}</p>
      <form part="form" novalidate @submit=${a.submitRating}>
        ${problems(v, a, 'rate', ['rate.resolved', 'rate.rating', 'rate.comment'])}
        ${radioGroup(ctx, {
          path: 'rate.resolved',
          legend: st.resolved,
          value: a.draft.resolved,
          choices: [
            { value: 'yes', label: st.resolvedYes },
            { value: 'no', label: st.resolvedNo },
          ],
          onChange: (resolved) => a.update({ resolved: resolved as 'yes' | 'no' }),
        })}
        ${radioGroup(ctx, {
          path: 'rate.rating',
          legend: st.rating,
          hint: st.ratingHint,
          value: a.draft.rating,
          choices: (['1', '2', '3', '4', '5'] as const).map((n) => ({ value: n, label: st.ratings[n] })),
          onChange: (value) => a.update({ rating: value }),
        })}
        ${textField(ctx, {
          path: 'rate.comment',
          label: st.comment,
          optional: true,
          multiline: true,
          value: a.draft.comment,
          onInput: (comment) => a.update({ comment }),
        })}
        <div class="actions">${sendButton(a, 'rate', st.rateSend, st, v.t)}</div>
      </form>
    </section>`;
  }

  function linked(v: StatusFormView, request: LinkedRequest, text: string, st: StatusTexts) {
    const name = request.institution.name;
    return html`<div class="linked">
      <p>${fill(text, { institution: name, ticket: request.ticket ?? '' })}</p>
      ${
        request.ticket
          ? html`<p>${st.sameCode}</p>
            <button type="button" part="button secondary-button" class="secondary" data-linked=${request.ticket}
              @click=${() => v.openLinked(request.ticket ?? '')}>
              ${fill(st.openLinked, { ticket: request.ticket })}
            </button>`
          : nothing
      }
    </div>`;
  }

  function result(v: StatusFormView, r: StatusView): TemplateResult {
    const { t, locale } = v;
    const st = statusTexts(locale);
    let a = actionsOf.get(v.host);
    if (!a) {
      a = new StatusActions(v.host, kit.call);
      actionsOf.set(v.host, a);
    }
    let files = filesOf.get(v.host);
    if (!files) {
      files = new ReplyFiles(v.host, kit.call);
      filesOf.set(v.host, files);
    }
    a.sync({
      api: v.api,
      locale,
      ticket: r.ticket,
      code: v.resultCode,
      st,
      refresh: v.refresh,
      replyAttachments: () => files.ids(),
      replyWait: () => files.wait(locale),
    });
    const statusName = (status: StatusView['status']) => t.statuses[status];
    const awaiting = r.awaitingReply;
    const row = (label: string, value: unknown) =>
      html`<div class="summary-row"><dt>${label}</dt><dd>${value}</dd></div>`;
    return html`<section class="status-result" part="status-result" aria-labelledby="status-result-title">
      <h2 id="status-result-title" class="step-title" tabindex="-1">${r.ticket}</h2>
      ${a.notice ? html`<p id="action-notice" class="panel" role="status" tabindex="-1">${a.notice}</p>` : nothing}
      <dl class="summary">
        ${row(t.statusLabel, html`<strong class="status-tag" data-status=${r.status}>${statusName(r.status)}</strong>`)}
        ${row(t.reviewType, r.type.name[locale])}
        ${row(t.reviewService, r.service.name[locale])}
        ${
          r.dueDate
            ? row(
                t.dueDate,
                html`<span data-due-date>${formatDate(r.dueDate, locale)}</span>${
                  awaiting && r.dueDate !== r.originalDueDate
                    ? html`<p class="hint" data-paused>${st.paused}</p>`
                    : nothing
                }`,
              )
            : nothing
        }
        ${
          r.originalDueDate && r.originalDueDate !== r.dueDate
            ? row(
                st.originalDueDate,
                html`<span data-original-due-date>${formatDate(r.originalDueDate, locale)}</span>`,
              )
            : nothing
        }
        ${awaiting && r.replyBy ? row(st.replyBy, formatDate(r.replyBy, locale)) : nothing}
      </dl>
      ${r.overdue ? html`<p class="warning" part="overdue">${t.overdue}</p>` : nothing}
      ${r.transferredTo ? linked(v, r.transferredTo, r.transferredTo.ticket ? st.transferredTo : st.transferredToOutside, st) : nothing}
      ${r.transferredFrom ? linked(v, r.transferredFrom, st.transferredFrom, st) : nothing}
      ${awaiting ? question(v, r, a, st, files) : nothing}
      ${
        r.extensions?.length
          ? html`<h3>${st.extensions}</h3>
            <ul class="extensions">
              ${r.extensions.map(
                (e) => html`<li>
                  <strong>${fill(st.extension, { date: formatDate(e.dueDate, locale) })}</strong>
                  <p class="pre">${fill(st.extensionReason, { reason: e.reason })}</p>
                </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        r.response
          ? html`<h3>${t.institutionResponse}</h3>
            <p class="pre response">${r.response.text}</p>`
          : nothing
      }
      ${RATEABLE.includes(r.status) ? rating(v, r, a, st) : nothing}
      <h3>${t.history}</h3>
      <ol class="timeline" part="timeline">
        ${r.history.map(
          (entry) => html`<li>
            <strong>${statusName(entry.status)}</strong>${entry.by ? html` <span class="by">${st.by[entry.by]}</span>` : nothing}
            <time datetime=${entry.at}>${formatDateTime(entry.at, locale)}</time>
            ${entry.note ? html`<p class="pre">${entry.note}</p>` : nothing}
            ${entry.attachments?.length ? attachmentLinks({ html }, entry.attachments, { code: v.code, locale }) : nothing}
          </li>`,
        )}
      </ol>
      ${WITHDRAWABLE.includes(r.status) ? withdrawal(v, a, st) : nothing}
    </section>`;
  }

  return (v: StatusFormView): TemplateResult => {
    const { t } = v;
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
      ${v.result ? result(v, v.result) : nothing}`;
  };
}
