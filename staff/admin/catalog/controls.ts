import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { t } from '../../locales/index.ts';

/** GOV.UK's error message: a visually hidden "Error:" before the text, linked by aria-describedby. */
export const errorMessage = (id: string, error: string | undefined) =>
  error
    ? html`<span class="error-message" id="${id}-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${error}</span>`
    : nothing;

const describedBy = (id: string, hint: string | undefined, error: string | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A labelled textarea with its hint and error, as forms.ts's field() is for inputs. */
export function textArea(options: {
  id: string;
  label: string;
  value: string;
  hint?: string;
  error?: string | undefined;
  rows?: number;
  onInput: (value: string) => void;
}): TemplateResult {
  const { id, hint, error } = options;
  return html`<div class="field ${error ? 'invalid' : ''}">
    <label for=${id}>${options.label}</label>
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
    ${errorMessage(id, error)}
    <textarea id=${id} name=${id} rows=${options.rows ?? 3} .value=${options.value}
      aria-describedby=${ifDefined(describedBy(id, hint, error))}
      aria-invalid=${error ? 'true' : 'false'}
      @input=${(event: Event) => options.onInput((event.target as HTMLTextAreaElement).value)}></textarea>
  </div>`;
}

/**
 * A group of checkboxes in a fieldset (GOV.UK's checkboxes): the legend names the group, the error
 * sits under it, and the first box carries `id` so the error summary's link lands on it.
 */
export function checkboxes(options: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  choices: { value: string; label: string }[];
  checked: readonly string[];
  onToggle: (value: string, on: boolean) => void;
}): TemplateResult {
  const { id, hint, error } = options;
  return html`<fieldset class="field ${error ? 'invalid' : ''}" aria-describedby=${ifDefined(describedBy(id, hint, error))}>
    <legend>${options.legend}</legend>
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
    ${errorMessage(id, error)}
    <div class="choices">
      ${options.choices.map(
        (choice, index) => html`<div class="check">
          <input type="checkbox" id=${index === 0 ? id : `${id}-${index}`} value=${choice.value}
            .checked=${options.checked.includes(choice.value)}
            @change=${(event: Event) => options.onToggle(choice.value, (event.target as HTMLInputElement).checked)} />
          <label for=${index === 0 ? id : `${id}-${index}`}>${choice.label}</label>
        </div>`,
      )}
    </div>
  </fieldset>`;
}
