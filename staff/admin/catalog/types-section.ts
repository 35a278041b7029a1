import { html } from 'lit';
import { field } from '../../forms.ts';
import { locale, t } from '../../locales/index.ts';
import { LANGS, type SectionContext } from './context.ts';
import { textArea } from './controls.ts';
import { fieldIds } from './issues.ts';

export const langName = (lang: 'es' | 'en') =>
  lang === 'es' ? t('admin.catalog.langEs') : t('admin.catalog.langEn');

/**
 * The request types' names and descriptions, in both languages: what the citizen reads when
 * choosing. Their codes, deadlines and anonymity follow the law of the country (the legal clock),
 * so they are shown, not edited; the CLI's catalog import stays the way to change them.
 */
export function typesSection({ draft, error, hasErrors, change }: SectionContext) {
  return html`<section aria-labelledby="types-title">
    <h2 id="types-title">${t('admin.catalog.typesTitle')}</h2>
    <p class="hint">${t('admin.catalog.typesIntro')}</p>
    ${draft.catalog.requestTypes.map((type, index) => {
      const days =
        type.responseDays === null
          ? t('admin.catalog.noDeadline')
          : t('admin.catalog.deadline', { days: type.responseDays });
      return html`<details class="item" ?open=${hasErrors(`type-${index}-`)} data-type=${type.code}>
        <summary>${type.name[locale()] || type.code} (${type.code})</summary>
        <div class="item-body" role="group" aria-label=${type.name[locale()] || type.code}>
          <p class="hint">${days}</p>
          ${LANGS.map((lang) =>
            field({
              id: fieldIds.typeText(index, 'name', lang),
              label: t('admin.catalog.nameIn', { lang: langName(lang) }),
              value: type.name[lang] ?? '',
              error: error(fieldIds.typeText(index, 'name', lang)),
              onInput: (value) =>
                change((d) => {
                  const edited = d.catalog.requestTypes[index];
                  if (edited) edited.name[lang] = value;
                }),
            }),
          )}
          ${LANGS.map((lang) =>
            textArea({
              id: fieldIds.typeText(index, 'description', lang),
              label: t('admin.catalog.descriptionIn', { lang: langName(lang) }),
              value: type.description[lang] ?? '',
              error: error(fieldIds.typeText(index, 'description', lang)),
              onInput: (value) =>
                change((d) => {
                  const edited = d.catalog.requestTypes[index];
                  if (edited) edited.description[lang] = value;
                }),
            }),
          )}
        </div>
      </details>`;
    })}
  </section>`;
}
