import type { TemplateResult } from 'lit';
import type { Locale } from '#schema';
import { fileField, fileSummary } from '../attachments/file-field.ts';
import { ATTACHMENT_TEXTS } from '../attachments/texts.ts';
import { UploadList } from '../attachments/upload-list.ts';
import type { Step } from '../journey.ts';
import { confirmation } from './confirmation.ts';
import type { FormView } from './form-steps.ts';
import type { Kit } from './kit.ts';

/**
 * The steps after the first question (which service, what happened, who they are, the review) and
 * the confirmation: a lazy chunk, loaded with the validation at the citizen's first interaction with
 * the form, or at once when the journey starts past the first question. Lit and the form blocks come
 * from the entry (`kit.ts` says why).
 */
export function laterSteps(kit: Kit) {
  const { html, nothing, fill, LIMITS, PREFERENTIAL_GROUPS, errorMessage, fieldId, radioGroup, textField } =
    kit;
  const name = (text: { es: string; en: string }, locale: Locale) => text[locale];

  // One list of files per element: its filing controller's `update` is the element's own and
  // lives as long as it does, so it keys the list (the view object is made anew at each render).
  const lists = new WeakMap<FormView['update'], UploadList>();
  const idsOf = (saved: { id: string }[] | undefined) => (saved ?? []).map((s) => s.id).join();
  function uploadsFor(v: FormView): UploadList | null {
    const policy = v.catalog.attachments;
    if (!policy) return null;
    const update = v.update;
    let list = lists.get(update);
    if (!list || list.options.institution !== v.catalog.code) {
      list = new UploadList({
        api: '',
        institution: v.catalog.code,
        locale: v.locale,
        policy,
        texts: ATTACHMENT_TEXTS[v.locale],
        onChange: (changed) => update({ attachments: changed.saved }),
      });
      list.restore(v.draft.attachments);
      lists.set(update, list);
      // Files the server will have forgotten leave the draft too, after this render.
      const kept = list.saved;
      if (idsOf(kept) !== idsOf(v.draft.attachments)) queueMicrotask(() => update({ attachments: kept }));
    } else if (!list.busy && idsOf(list.saved) !== idsOf(v.draft.attachments)) {
      // The draft changed under the list: a new request after a filing, or another tab's draft.
      list.restore(v.draft.attachments);
    }
    list.options = { ...list.options, locale: v.locale, policy, texts: ATTACHMENT_TEXTS[v.locale] };
    return list;
  }

  function serviceStep(v: FormView): TemplateResult {
    const offered = v.catalog.services.filter((s) => !v.draft.type || s.requestTypes.includes(v.draft.type));
    const query = v.serviceFilter.trim().toLocaleLowerCase(v.locale);
    const other = v.catalog.otherServiceId;
    const matches = offered.filter(
      (s) =>
        !query ||
        s.id === other ||
        s.id === v.draft.service ||
        `${name(s.name, v.locale)} ${name(s.description, v.locale)}`
          .toLocaleLowerCase(v.locale)
          .includes(query),
    );
    const searchable = offered.length > 6;
    return html`${
      searchable
        ? html`<div class="field search">
            <label for="service-search">${v.t.serviceSearch}</label>
            <p class="hint" id="service-search-hint">${v.t.serviceSearchHint}</p>
            <input
              id="service-search"
              type="search"
              part="input"
              .value=${v.serviceFilter}
              aria-describedby="service-search-hint service-count"
              @input=${(e: Event) => v.setServiceFilter((e.target as HTMLInputElement).value)}
            />
            <p class="visually-hidden" id="service-count" aria-live="polite">
              ${matches.length === 0 ? v.t.serviceNoMatch : ''}
            </p>
          </div>`
        : nothing
    }
      ${radioGroup(v, {
        path: 'service',
        legend: v.t.steps.service,
        asHeading: true,
        value: v.draft.service,
        choices: matches.map((s) => ({
          value: s.id,
          label: name(s.name, v.locale),
          hint: name(s.description, v.locale),
        })),
        onChange: (service) => v.update({ service }),
      })}`;
  }

  function descriptionStep(v: FormView): TemplateResult {
    const type = v.catalog.requestTypes.find((t) => t.code === v.draft.type);
    const left = LIMITS.description - v.draft.description.length;
    const uploads = uploadsFor(v);
    return html`<h2 class="step-title" tabindex="-1">${v.t.steps.description}</h2>
      ${textField(v, {
        path: 'subject',
        label: v.t.subject,
        hint: v.t.subjectHint,
        optional: true,
        value: v.draft.subject,
        onInput: (subject) => v.update({ subject }),
      })}
      ${textField(v, {
        path: 'description',
        label: v.t.description,
        hint: type?.minDescriptionLength
          ? `${v.t.descriptionHint} ${fill(v.t.descriptionMin, { n: type.minDescriptionLength })}`
          : v.t.descriptionHint,
        multiline: true,
        value: v.draft.description,
        describedByExtra: `${fieldId('description')}-count`,
        onInput: (description) => v.update({ description }),
      })}
      <p class="hint count ${left < 0 ? 'count--over' : ''}" id="${fieldId('description')}-count">
        ${left >= 0 ? fill(v.t.charactersLeft, { n: left }) : fill(v.t.charactersOver, { n: -left })}
      </p>
      ${
        uploads
          ? fileField(
              kit,
              uploads,
              ATTACHMENT_TEXTS[v.locale],
              v.locale,
              fieldId('attachments'),
              v.errors.attachments ? errorMessage(v, 'attachments') : undefined,
            )
          : nothing
      }`;
  }

  function identityStep(v: FormView): TemplateResult {
    const type = v.catalog.requestTypes.find((t) => t.code === v.draft.type);
    const d = v.draft;
    return html`<h2 class="step-title" tabindex="-1">${v.t.steps.identity}</h2>
      ${
        type?.anonymousAllowed
          ? radioGroup(v, {
              path: 'anonymous',
              legend: v.t.identifyChoice,
              value: d.anonymous ? 'yes' : 'no',
              choices: [
                { value: 'no', label: v.t.identified },
                { value: 'yes', label: v.t.anonymous, hint: v.t.anonymousHint },
              ],
              onChange: (value) => v.update({ anonymous: value === 'yes' }),
            })
          : nothing
      }
      ${
        d.anonymous
          ? nothing
          : html`${radioGroup(v, {
              path: 'citizen.documentType',
              legend: v.t.documentType,
              value: d.documentType,
              choices: v.catalog.documentTypes.map((doc) => ({
                value: doc.code,
                label: name(doc.name, v.locale),
              })),
              onChange: (documentType) => v.update({ documentType }),
            })}
          ${textField(v, {
            path: 'citizen.documentNumber',
            label: v.t.documentNumber,
            value: d.documentNumber,
            autocomplete: 'off',
            onInput: (documentNumber) => v.update({ documentNumber }),
          })}
          ${textField(v, {
            path: 'citizen.firstName',
            label: v.t.firstName,
            value: d.firstName,
            autocomplete: 'given-name',
            onInput: (firstName) => v.update({ firstName }),
          })}
          ${textField(v, {
            path: 'citizen.lastName',
            label: v.t.lastName,
            value: d.lastName,
            autocomplete: 'family-name',
            onInput: (lastName) => v.update({ lastName }),
          })}
          ${radioGroup(v, {
            path: 'responseChannel',
            legend: v.t.channel,
            value: d.responseChannel,
            choices: (['email', 'phone'] as const).map((channel) => ({
              value: channel,
              label: v.t.channels[channel],
            })),
            onChange: (responseChannel) => v.update({ responseChannel }),
          })}
          ${textField(v, {
            path: 'citizen.email',
            label: v.t.email,
            type: 'email',
            optional: d.responseChannel !== 'email',
            value: d.email,
            autocomplete: 'email',
            onInput: (email) => v.update({ email }),
          })}
          ${textField(v, {
            path: 'citizen.phone',
            label: v.t.phone,
            type: 'tel',
            hint: v.t.phoneHint,
            optional: d.responseChannel !== 'phone',
            value: d.phone,
            autocomplete: 'tel',
            onInput: (phone) => v.update({ phone }),
          })}
          <div class="field">
            <fieldset aria-describedby="preferential-hint">
              <legend>${v.t.preferential} <span class="optional">${v.t.optional}</span></legend>
              <p class="hint" id="preferential-hint">${v.t.preferentialHint}</p>
              <div class="choices">
                ${PREFERENTIAL_GROUPS.map(
                  (group, index) => html`<div class="choice">
                    <input
                      type="checkbox"
                      part="checkbox"
                      id="${fieldId('citizen.preferentialAttention')}-${index}"
                      .checked=${d.preferentialAttention.includes(group)}
                      @change=${(e: Event) =>
                        v.update({
                          preferentialAttention: (e.target as HTMLInputElement).checked
                            ? [...d.preferentialAttention, group]
                            : d.preferentialAttention.filter((g) => g !== group),
                        })}
                    />
                    <label for="${fieldId('citizen.preferentialAttention')}-${index}">${v.t.groups[group]}</label>
                  </div>`,
                )}
              </div>
            </fieldset>
          </div>`
      }`;
  }

  function summaryRow(v: FormView, label: string, value: TemplateResult | string, step: Step, what: string) {
    return html`<div class="summary-row">
      <dt>${label}</dt>
      <dd>${value}</dd>
      <dd class="summary-action">
        <button type="button" class="link-button" part="change-button" @click=${() => v.goTo(step)}>
          ${v.t.change}<span class="visually-hidden"> ${what}</span>
        </button>
      </dd>
    </div>`;
  }

  function reviewStep(v: FormView): TemplateResult {
    const d = v.draft;
    const type = v.catalog.requestTypes.find((t) => t.code === d.type);
    const service = v.catalog.services.find((s) => s.id === d.service);
    const documentType = v.catalog.documentTypes.find((doc) => doc.code === d.documentType);
    const captchaText = {
      idle: '',
      working: v.catalog.captcha.provider === 'hcaptcha' ? v.t.captchaHcaptcha : v.t.captchaWorking,
      done: v.t.captchaDone,
      failed: v.t.captchaFailed,
    }[v.captchaState];
    return html`<h2 class="step-title" tabindex="-1">${v.t.steps.review}</h2>
      <dl class="summary" part="summary">
        ${summaryRow(v, v.t.reviewType, type ? name(type.name, v.locale) : d.type, 'type', v.t.reviewType)}
        ${summaryRow(v, v.t.reviewService, service ? name(service.name, v.locale) : d.service, 'service', v.t.reviewService)}
        ${d.subject ? summaryRow(v, v.t.reviewSubject, d.subject, 'description', v.t.reviewSubject) : nothing}
        ${summaryRow(v, v.t.reviewDescription, html`<span class="pre">${d.description}</span>`, 'description', v.t.reviewDescription)}
        ${
          v.catalog.attachments
            ? summaryRow(
                v,
                ATTACHMENT_TEXTS[v.locale].review,
                fileSummary(uploadsFor(v)?.saved ?? [], ATTACHMENT_TEXTS[v.locale], v.locale),
                'description',
                ATTACHMENT_TEXTS[v.locale].review,
              )
            : nothing
        }
        ${summaryRow(
          v,
          v.t.reviewIdentity,
          d.anonymous
            ? v.t.reviewAnonymous
            : `${d.firstName} ${d.lastName} · ${documentType ? name(documentType.name, v.locale) : d.documentType} ${d.documentNumber}`,
          'identity',
          v.t.reviewIdentity,
        )}
        ${
          d.anonymous
            ? nothing
            : summaryRow(
                v,
                v.t.reviewChannel,
                d.responseChannel === 'phone'
                  ? `${v.t.channels.phone}: ${d.phone}`
                  : `${v.t.channels.email}: ${d.email}`,
                'identity',
                v.t.reviewChannel,
              )
        }
      </dl>
      <div class="field ${v.errors.consent ? 'field--error' : ''}">
        ${errorMessage(v, 'consent')}
        <div class="choice">
          <input
            type="checkbox"
            part="checkbox"
            id="f-consent"
            .checked=${d.consent}
            aria-describedby=${v.errors.consent ? 'f-consent-error' : 'privacy-link'}
            @change=${(e: Event) => v.update({ consent: (e.target as HTMLInputElement).checked })}
          />
          <label for="f-consent">${v.t.consent}</label>
        </div>
        <p class="hint"><a id="privacy-link" href=${v.catalog.privacyNotice.url} target="_blank" rel="noopener">${v.t.privacyLink}</a></p>
      </div>
      ${v.catalog.captcha.provider === 'hcaptcha' ? html`<div class="hcaptcha"></div>` : nothing}
      <p class="captcha-status" role="status" part="captcha-status">${captchaText}</p>`;
  }

  return {
    steps: {
      service: serviceStep,
      description: descriptionStep,
      identity: identityStep,
      review: reviewStep,
    } satisfies Record<Exclude<Step, 'type'>, (v: FormView) => TemplateResult>,
    confirmation: confirmation(kit),
  };
}

export type LaterSteps = ReturnType<typeof laterSteps>;
