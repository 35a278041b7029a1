import type { TemplateResult } from 'lit';
import { type Catalog, fill, type Locale } from '#schema';
import type { CaptchaState } from '../controllers/captcha.ts';
import type { Draft } from '../draft.ts';
import type { Step } from '../journey.ts';
import { type FieldContext, radioGroup } from './fields.ts';

/** What the step renderers need from the element. */
export interface FormView extends FieldContext {
  locale: Locale;
  catalog: Catalog;
  draft: Draft;
  serviceFilter: string;
  captchaState: CaptchaState;
  update(patch: Partial<Draft>): void;
  setServiceFilter(value: string): void;
  goTo(step: Step): void;
}

const name = (text: { es: string; en: string }, locale: Locale) => text[locale];

/** The first question: what the citizen wants to do. It is in the entry, so it shows without waiting for a chunk. */
export function typeStep(v: FormView): TemplateResult {
  return radioGroup(v, {
    path: 'type',
    legend: v.t.steps.type,
    asHeading: true,
    hint: v.t.typeHint,
    value: v.draft.type,
    choices: v.catalog.requestTypes.map((type) => ({
      value: type.code,
      label: name(type.name, v.locale),
      hint: `${name(type.description, v.locale)} ${
        type.responseDays ? fill(v.t.responseDays, { n: type.responseDays }) : v.t.noDeadline
      }.`,
    })),
    onChange: (type) =>
      v.update({
        type,
        ...(v.catalog.requestTypes.find((t) => t.code === type)?.anonymousAllowed
          ? {}
          : { anonymous: false }),
      }),
  });
}
