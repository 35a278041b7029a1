import type { TemplateResult } from 'lit';
import type { Locale, Receipt } from '#schema';
import type { Texts } from '../locales/index.ts';
import type { Kit } from './kit.ts';

export interface ConfirmationView {
  t: Texts;
  locale: Locale;
  receipt: Receipt;
  copied: boolean;
  onCopy(): void;
  onPrint(): void;
  onCheckStatus(): void;
  onNewRequest(): void;
}

/**
 * GOV.UK's confirmation pattern: the reference up front, then what happens next and by when. Part of
 * the later steps' chunk; Lit comes from the entry (`kit.ts`).
 */
export function confirmation({ html, nothing, fill, formatDate }: Kit) {
  return (v: ConfirmationView): TemplateResult => {
    const { receipt, t } = v;
    return html`<section class="confirmation" part="confirmation" aria-labelledby="confirmation-title">
      <div class="panel" part="confirmation-panel">
        <h2 id="confirmation-title" class="step-title" tabindex="-1">${t.doneTitle}</h2>
        <p>${t.doneTicket}<br /><strong class="reference" data-ticket>${receipt.ticket}</strong></p>
        <p>${t.doneCode}<br /><strong class="reference" data-tracking-code>${receipt.trackingCode}</strong></p>
      </div>
      <p>${t.doneCodeHint}</p>
      <p data-due-date>
        ${receipt.dueDate ? fill(t.doneDue, { date: formatDate(receipt.dueDate, v.locale) }) : t.doneNoDue}
      </p>
      <p>${t.doneNext}</p>
      <div class="actions">
        <button type="button" part="button secondary-button" @click=${v.onCopy}>${t.copy}</button>
        <button type="button" part="button secondary-button" @click=${v.onPrint}>${t.print}</button>
        <button type="button" part="button" @click=${v.onCheckStatus}>${t.checkStatus}</button>
        <button type="button" class="link-button" @click=${v.onNewRequest}>${t.newRequest}</button>
      </div>
      <p role="status" class="copied">${v.copied ? t.copied : nothing}</p>
    </section>`;
  };
}
