import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { t } from './locales/index.ts';

export type Errors = Record<string, string>;

interface FieldOptions {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'search';
  value?: string;
  hint?: string;
  error?: string | undefined;
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'text';
  required?: boolean;
  min?: string;
  max?: string;
  onInput?: (value: string) => void;
}

/**
 * One labelled input with its hint and error, all in the caller's shadow root (ARIA references do
 * not cross shadow roots), as GOV.UK's input component: the error is linked by aria-describedby and
 * starts with a visually hidden "Error:".
 */
export function field(options: FieldOptions): TemplateResult {
  const describedBy = [options.hint ? `${options.id}-hint` : '', options.error ? `${options.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field ${options.error ? 'invalid' : ''}">
    <label for=${options.id}>${options.label}</label>
    ${options.hint ? html`<span class="hint" id="${options.id}-hint">${options.hint}</span>` : nothing}
    ${
      options.error
        ? html`<span class="error-message" id="${options.id}-error"
          ><span class="visually-hidden">${t('errorPrefix')}</span> ${options.error}</span
        >`
        : nothing
    }
    <input
      id=${options.id}
      name=${options.id}
      type=${options.type ?? 'text'}
      .value=${options.value ?? ''}
      autocomplete=${ifDefined(options.autocomplete)}
      inputmode=${ifDefined(options.inputmode)}
      min=${ifDefined(options.min)}
      max=${ifDefined(options.max)}
      aria-describedby=${ifDefined(describedBy || undefined)}
      aria-invalid=${options.error ? 'true' : 'false'}
      ?required=${options.required}
      @input=${(event: Event) => options.onInput?.((event.target as HTMLInputElement).value)}
    />
  </div>`;
}

/**
 * The error summary at the top of a form: it takes focus (the page calls focusSummary after
 * rendering it), its links focus the fields. `general` holds errors that belong to no field.
 */
export function errorSummary(
  errors: Errors,
  general: string | null,
  root: ShadowRoot | null,
): TemplateResult {
  const entries = Object.entries(errors);
  if (!entries.length && !general) return html``;
  const focusField = (event: Event, id: string) => {
    event.preventDefault();
    root?.getElementById(id)?.focus();
  };
  return html`<div class="error-summary" tabindex="-1" id="error-summary" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${t('errorSummaryTitle')}</h2>
    <div role="alert">
      <ul>
        ${general ? html`<li>${general}</li>` : nothing}
        ${entries.map(
          ([id, message]) =>
            html`<li><a href="#${id}" @click=${(e: Event) => focusField(e, id)}>${message}</a></li>`,
        )}
      </ul>
    </div>
  </div>`;
}

/** Moves focus to the error summary once it is rendered. */
export async function focusSummary(host: {
  updateComplete: Promise<boolean>;
  shadowRoot: ShadowRoot | null;
}) {
  await host.updateComplete;
  host.shadowRoot?.getElementById('error-summary')?.focus();
}
