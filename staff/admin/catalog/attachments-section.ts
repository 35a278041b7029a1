import { html, nothing } from 'lit';
import { ATTACHMENT_TYPES, TYPE_LABELS } from '#schema';
import { field } from '../../forms.ts';
import { t } from '../../locales/index.ts';
import type { SectionContext } from './context.ts';
import { checkboxes } from './controls.ts';
import { fieldIds } from './issues.ts';

/**
 * The files citizens and staff may attach (CONTRACT §6): whether any, how many, which types, how
 * large each. The limits are the schema's (AttachmentPolicySchema): 1 to 20 files, 1 KB to 50 MB.
 */
export function attachmentsSection({ draft, error, change }: SectionContext) {
  const policy = draft.attachments;
  return html`<section aria-labelledby="attachments-title">
    <h2 id="attachments-title">${t('admin.catalog.attachmentsTitle')}</h2>
    <div class="field">
      <div class="check">
        <input type="checkbox" id=${fieldIds.attachmentsOn} .checked=${policy.accepted}
          aria-describedby="${fieldIds.attachmentsOn}-hint"
          @change=${(event: Event) =>
            change((d) => {
              d.attachments.accepted = (event.target as HTMLInputElement).checked;
            })} />
        <label for=${fieldIds.attachmentsOn}>${t('admin.catalog.attachmentsOn')}</label>
      </div>
      <span class="hint" id="${fieldIds.attachmentsOn}-hint">${t('admin.catalog.attachmentsOnHint')}</span>
    </div>
    ${
      policy.accepted
        ? html`${field({
            id: fieldIds.maxFiles,
            label: t('admin.catalog.maxFiles'),
            hint: t('admin.catalog.maxFilesHint'),
            inputmode: 'numeric',
            value: policy.maxFiles,
            error: error(fieldIds.maxFiles),
            onInput: (value) =>
              change((d) => {
                d.attachments.maxFiles = value;
              }),
          })}
          ${field({
            id: fieldIds.maxSize,
            label: t('admin.catalog.maxSize'),
            hint: t('admin.catalog.maxSizeHint'),
            value: policy.maxMb,
            error: error(fieldIds.maxSize),
            onInput: (value) =>
              change((d) => {
                d.attachments.maxMb = value;
              }),
          })}
          ${checkboxes({
            id: fieldIds.fileTypes,
            legend: t('admin.catalog.fileTypes'),
            error: error(fieldIds.fileTypes),
            choices: ATTACHMENT_TYPES.map((type) => ({ value: type, label: TYPE_LABELS[type] })),
            checked: policy.types,
            onToggle: (value, on) =>
              change((d) => {
                const others = d.attachments.types.filter((type) => type !== value);
                d.attachments.types = on ? [...others, value as (typeof ATTACHMENT_TYPES)[number]] : others;
              }),
          })}`
        : nothing
    }
  </section>`;
}
