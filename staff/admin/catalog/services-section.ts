import { html, nothing } from 'lit';
import { field } from '../../forms.ts';
import { locale, t } from '../../locales/index.ts';
import { LANGS, type SectionContext } from './context.ts';
import { checkboxes, textArea } from './controls.ts';
import { fieldIds } from './issues.ts';
import { langName } from './types-section.ts';

export interface ServicesActions {
  add: () => void;
  remove: (index: number) => void;
}

/**
 * The services: names and descriptions in both languages, the request types each offers; new ones
 * added with an id of their own, and removed ones. A saved service's id stays as it is (requests,
 * routing and the widget's `service` attribute name it); removing one only stops offering it: the
 * server deactivates the row, and the requests already filed keep it (import-catalog).
 */
export function servicesSection(context: SectionContext, actions: ServicesActions) {
  const { draft, error, hasErrors, change } = context;
  const catalog = draft.catalog;
  const typeChoices = catalog.requestTypes.map((type) => ({
    value: type.code,
    label: `${type.name[locale()] || type.code} (${type.code})`,
  }));
  return html`<section aria-labelledby="services-title">
    <h2 id="services-title" tabindex="-1">${t('admin.catalog.services')}</h2>
    <p class="hint">${t('admin.catalog.servicesIntro')}</p>
    ${catalog.services.map((service, index) => {
      const saved = draft.savedServiceIds.includes(service.id);
      const isOther = service.id === catalog.otherServiceId;
      const title = service.name[locale()] || service.id || t('admin.catalog.newService');
      return html`<details class="item" ?open=${!saved || hasErrors(`service-${index}-`)} data-service=${service.id}>
        <summary>${title}${service.id ? html` <span class="id">(${service.id})</span>` : nothing}</summary>
        <div class="item-body" role="group" aria-label=${title}>
          ${
            saved
              ? html`<p class="hint">${t('admin.catalog.serviceIdFixed', { id: service.id })}</p>`
              : field({
                  id: fieldIds.serviceId(index),
                  label: t('admin.catalog.serviceId'),
                  hint: t('admin.catalog.serviceIdHint'),
                  value: service.id,
                  error: error(fieldIds.serviceId(index)),
                  onInput: (value) =>
                    change((d) => {
                      const edited = d.catalog.services[index];
                      if (edited) edited.id = value.trim();
                    }),
                })
          }
          ${LANGS.map((lang) =>
            field({
              id: fieldIds.serviceText(index, 'name', lang),
              label: t('admin.catalog.nameIn', { lang: langName(lang) }),
              value: service.name[lang] ?? '',
              error: error(fieldIds.serviceText(index, 'name', lang)),
              onInput: (value) =>
                change((d) => {
                  const edited = d.catalog.services[index];
                  if (edited) edited.name[lang] = value;
                }),
            }),
          )}
          ${LANGS.map((lang) =>
            textArea({
              id: fieldIds.serviceText(index, 'description', lang),
              label: t('admin.catalog.descriptionIn', { lang: langName(lang) }),
              value: service.description[lang] ?? '',
              error: error(fieldIds.serviceText(index, 'description', lang)),
              onInput: (value) =>
                change((d) => {
                  const edited = d.catalog.services[index];
                  if (edited) edited.description[lang] = value;
                }),
            }),
          )}
          ${checkboxes({
            id: fieldIds.serviceTypes(index),
            legend: t('admin.catalog.serviceTypes'),
            error: error(fieldIds.serviceTypes(index)),
            choices: typeChoices,
            checked: service.requestTypes,
            onToggle: (code, on) =>
              change((d) => {
                const edited = d.catalog.services[index];
                if (!edited) return;
                const others = edited.requestTypes.filter((c) => c !== code);
                // Kept in the catalog's order of types, whatever order they were ticked in.
                edited.requestTypes = d.catalog.requestTypes
                  .map((type) => type.code)
                  .filter((c) => (c === code ? on : others.includes(c)));
              }),
          })}
          ${
            isOther
              ? html`<p class="hint">${t('admin.catalog.otherService')}</p>`
              : html`<p class="hint" id="service-${index}-remove-hint">${t('admin.catalog.removeHint')}</p>
                <p><button type="button" class="button secondary" data-action="remove"
                  aria-describedby="service-${index}-remove-hint"
                  @click=${() => actions.remove(index)}>${t('admin.catalog.remove', { name: title })}</button></p>`
          }
        </div>
      </details>`;
    })}
    <p><button type="button" class="button secondary" data-action="add-service" @click=${actions.add}>${t('admin.catalog.addService')}</button></p>
  </section>`;
}
