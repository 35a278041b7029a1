import { css, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import * as v from 'valibot';
import { t } from '../locales/index.ts';

/** The API's path of the institution's `rest` ("/api/v1/institutions/MDT/accounts"). */
export const institutionPath = (code: string, rest: string) =>
  `/api/v1/institutions/${encodeURIComponent(code)}/${rest}`;

export interface Unit {
  id: number;
  parentId: number | null;
  name: string;
}

/** Units in tree order, each with its depth (a unit under its parent, siblings by name). */
export function unitTree(units: Unit[]): { unit: Unit; depth: number }[] {
  const out: { unit: Unit; depth: number }[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const unit of units
      .filter((u) => u.parentId === parent)
      .sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** The first issue of each field of a valibot result, as the form's messages (by dotted path). */
export function schemaErrors<T extends string>(
  result: v.SafeParseResult<v.GenericSchema>,
  messages: Partial<Record<T, string>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (result.success) return errors;
  for (const issue of result.issues) {
    const path = (v.getDotPath(issue) ?? '') as T;
    const message = messages[path];
    if (message && !errors[path]) errors[path] = message;
  }
  return errors;
}

/** A labelled <select> with its error, in the GOV.UK manner of forms.ts's field(). */
export function selectField(options: {
  id: string;
  label: string;
  value: string;
  choices: { value: string; label: string }[];
  error?: string | undefined;
  hint?: string;
  onChange: (value: string) => void;
}): TemplateResult {
  const describedBy =
    [options.hint ? `${options.id}-hint` : '', options.error ? `${options.id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  return html`<div class="field ${options.error ? 'invalid' : ''}">
    <label for=${options.id}>${options.label}</label>
    ${options.hint ? html`<span class="hint" id="${options.id}-hint">${options.hint}</span>` : nothing}
    ${
      options.error
        ? html`<span class="error-message" id="${options.id}-error"><span class="visually-hidden">${t('errorPrefix')}</span> ${options.error}</span>`
        : nothing
    }
    <select id=${options.id} name=${options.id} aria-describedby=${ifDefined(describedBy)}
      aria-invalid=${options.error ? 'true' : 'false'}
      @change=${(event: Event) => options.onChange((event.target as HTMLSelectElement).value)}>
      ${options.choices.map((c) => html`<option value=${c.value} ?selected=${c.value === options.value}>${c.label}</option>`)}
    </select>
  </div>`;
}

export const adminStyles = css`
  select {
    font: inherit;
    min-height: 2.5rem;
  }
  td.number {
    text-align: right;
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 1rem;
  }
  .token {
    font-family: monospace;
    word-break: break-all;
    font-size: 1.05rem;
  }
  .indent-1 { padding-left: 1.5rem; }
  .indent-2 { padding-left: 3rem; }
  .indent-3 { padding-left: 4.5rem; }
`;
