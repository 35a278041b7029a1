import { html } from 'lit';
import { field } from '../../forms.ts';
import { t } from '../../locales/index.ts';
import type { SectionContext } from './context.ts';
import { textArea } from './controls.ts';
import { fieldIds } from './issues.ts';

/** The websites allowed to file (CORS and the Origin check) and the privacy notice the consent names. */
export function generalSection({ draft, error, change }: SectionContext) {
  const notice = draft.catalog.privacyNotice;
  return html`<section aria-labelledby="general-title">
    <h2 id="general-title">${t('admin.catalog.generalTitle')}</h2>
    ${textArea({
      id: fieldIds.origins,
      label: t('admin.catalog.origins'),
      hint: t('admin.catalog.originsHint'),
      value: draft.origins,
      rows: 4,
      error: error(fieldIds.origins),
      onInput: (value) =>
        change((d) => {
          d.origins = value;
        }),
    })}
    ${field({
      id: fieldIds.privacyUrl,
      label: t('admin.catalog.privacyUrl'),
      hint: t('admin.catalog.privacyUrlHint'),
      value: notice.url,
      error: error(fieldIds.privacyUrl),
      onInput: (url) =>
        change((d) => {
          d.catalog.privacyNotice.url = url;
        }),
    })}
    ${field({
      id: fieldIds.privacyVersion,
      label: t('admin.catalog.privacyVersion'),
      hint: t('admin.catalog.privacyVersionHint'),
      value: notice.version,
      error: error(fieldIds.privacyVersion),
      onInput: (version) =>
        change((d) => {
          d.catalog.privacyNotice.version = version;
        }),
    })}
  </section>`;
}
