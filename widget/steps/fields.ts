import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Texts } from '../locales/index.ts';

/**
 * Form building blocks in the GOV.UK manner: label, hint, error and control inside one shadow root,
 * tied with aria-describedby; the error message starts with a visually hidden "Error:".
 * Ids are `f-` + the field's path with dots as hyphens (citizen.email → f-citizen-email).
 */
export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

export interface FieldContext {
  t: Texts;
  errors: Record<string, string>;
}

function describedBy(id: string, hint: boolean, error: boolean, extra?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function errorMessage(ctx: FieldContext, path: string) {
  const message = ctx.errors[path];
  return message
    ? html`<p class="error-message" id="${fieldId(path)}-error" part="error-message">
        <span class="visually-hidden">${ctx.t.errorPrefix}</span> ${message}
      </p>`
    : nothing;
}

interface TextFieldOptions {
  path: string;
  label: string;
  value: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  inputmode?: string;
  optional?: boolean;
  multiline?: boolean;
  describedByExtra?: string;
  onInput: (value: string) => void;
}

export function textField(ctx: FieldContext, o: TextFieldOptions): TemplateResult {
  const id = fieldId(o.path);
  const error = Boolean(ctx.errors[o.path]);
  const described = describedBy(id, Boolean(o.hint), error, o.describedByExtra);
  const onInput = (event: Event) => o.onInput((event.target as HTMLInputElement).value);
  return html`<div class="field ${error ? 'field--error' : ''}">
    <label for=${id}>${o.label}${o.optional ? html` <span class="optional">${ctx.t.optional}</span>` : nothing}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : nothing}
    ${errorMessage(ctx, o.path)}
    ${
      o.multiline
        ? html`<textarea
          id=${id}
          part="input textarea"
          rows="7"
          .value=${o.value}
          aria-describedby=${ifDefined(described)}
          aria-invalid=${error ? 'true' : 'false'}
          @input=${onInput}
        ></textarea>`
        : html`<input
          id=${id}
          part="input"
          type=${o.type ?? 'text'}
          .value=${o.value}
          autocomplete=${ifDefined(o.autocomplete)}
          inputmode=${ifDefined(o.inputmode)}
          spellcheck="false"
          aria-describedby=${ifDefined(described)}
          aria-invalid=${error ? 'true' : 'false'}
          @input=${onInput}
        />`
    }
  </div>`;
}

interface Choice {
  value: string;
  label: string;
  hint?: string;
}

export function radioGroup(
  ctx: FieldContext,
  o: {
    path: string;
    legend: string;
    hint?: string;
    choices: Choice[];
    value: string | undefined;
    asHeading?: boolean;
    onChange: (value: string) => void;
  },
): TemplateResult {
  const id = fieldId(o.path);
  const error = Boolean(ctx.errors[o.path]);
  return html`<div class="field ${error ? 'field--error' : ''}">
    <fieldset aria-describedby=${ifDefined(describedBy(id, Boolean(o.hint), error))}>
      <legend class=${o.asHeading ? 'legend-heading' : ''}>${o.legend}</legend>
      ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : nothing}
      ${errorMessage(ctx, o.path)}
      <div class="choices">
        ${o.choices.map(
          (choice, index) => html`<div class="choice">
            <input
              type="radio"
              part="radio"
              name=${id}
              id=${index === 0 ? id : `${id}-${index}`}
              .value=${choice.value}
              .checked=${o.value === choice.value}
              aria-describedby=${ifDefined(choice.hint ? `${id}-${index}-hint` : undefined)}
              @change=${() => o.onChange(choice.value)}
            />
            <label for=${index === 0 ? id : `${id}-${index}`}>${choice.label}</label>
            ${choice.hint ? html`<p class="hint choice-hint" id="${id}-${index}-hint">${choice.hint}</p>` : nothing}
          </div>`,
        )}
      </div>
    </fieldset>
  </div>`;
}

/**
 * An error summary link's target, as GOV.UK Frontend's error summary does it: the question (the
 * field's block, which starts with its label or legend) is scrolled into view first, then the
 * control takes focus without scrolling again, so the citizen sees what is asked, not only a box.
 */
export function focusField(root: ParentNode, path: string): void {
  const control = root.querySelector<HTMLElement>(`#${fieldId(path)}`);
  if (!control) return;
  (control.closest('.field') ?? control).scrollIntoView();
  control.focus({ preventScroll: true });
}

export function errorSummary(
  ctx: FieldContext,
  order: readonly string[],
  onFocusField: (path: string) => void,
) {
  const paths = order.filter((path) => ctx.errors[path]);
  const extra = Object.keys(ctx.errors).filter((path) => !paths.includes(path));
  const all = [...paths, ...extra];
  if (all.length === 0) return nothing;
  return html`<div class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
    <h3 id="error-summary-title">${ctx.t.errorSummaryTitle}</h3>
    <div role="alert">
      <ul>
        ${all.map(
          (path) => html`<li>
            <a
              href="#${fieldId(path)}"
              @click=${(event: Event) => {
                event.preventDefault();
                onFocusField(path);
              }}
              >${ctx.errors[path]}</a
            >
          </li>`,
        )}
      </ul>
    </div>
  </div>`;
}
