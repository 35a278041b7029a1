import type { TemplateResult } from 'lit';
import type { Locale } from '#schema';
import type { InstitutionSummary } from '../api-client.ts';
import type { Texts } from '../locales/index.ts';
import type { Kit } from './kit.ts';

export interface DirectoryFormView {
  t: Texts;
  locale: Locale;
  directory: InstitutionSummary[];
  filter: string;
  selected: string;
  missing: boolean;
  onFilter(value: string): void;
  onSelect(code: string): void;
  onSubmit(event: Event): void;
  onFocusField(path: string): void;
}

// The portal's own words: this view is a lazy chunk, so they stay out of the entry.
const TEXTS = {
  es: {
    title: '¿A qué institución se dirige?',
    hint: 'Elija la institución que debe atender su solicitud.',
    search: 'Buscar una institución por su nombre',
    searchHint: 'Escriba parte del nombre para filtrar la lista.',
    legend: 'Instituciones',
    count: {
      none: 'Ninguna institución coincide. Pruebe con otra palabra.',
      one: '1 institución',
      other: '{n} instituciones',
    },
    required: 'Elija la institución a la que se dirige.',
  },
  en: {
    title: 'Which institution is it for?',
    hint: 'Choose the institution that should deal with your request.',
    search: 'Search for an institution by name',
    searchHint: 'Type part of the name to filter the list.',
    legend: 'Institutions',
    count: {
      none: 'No institution matches. Try another word.',
      one: '1 institution',
      other: '{n} institutions',
    },
    required: 'Choose the institution your request is for.',
  },
};

/** Lower case without accents: "salud" finds "Salud Pública", "publica" finds "Pública". */
const folded = (text: string, locale: Locale) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase(locale);

/**
 * A national portal's first question: the institution, from the directory, searchable by name, with
 * the number of matches announced as the citizen types. A lazy chunk like the later steps; Lit and
 * the form blocks come from the entry (`kit.ts`).
 */
export function directoryView({ html, nothing, fill, errorSummary, radioGroup }: Kit) {
  return (v: DirectoryFormView): TemplateResult => {
    const d = TEXTS[v.locale];
    const query = folded(v.filter.trim(), v.locale);
    const matches = v.directory.filter(
      (i) => !query || i.code === v.selected || folded(`${i.name} ${i.code}`, v.locale).includes(query),
    );
    const regions = new Intl.DisplayNames([v.locale], { type: 'region' });
    const errors: Record<string, string> = v.missing ? { institution: d.required } : {};
    const count =
      matches.length === 0
        ? d.count.none
        : fill(matches.length === 1 ? d.count.one : d.count.other, { n: matches.length });
    const ctx = { t: v.t, errors };
    return html`<form part="form" class="directory" novalidate @submit=${v.onSubmit}>
      <h2 class="step-title" tabindex="-1">${d.title}</h2>
      <p class="hint">${d.hint}</p>
      ${errorSummary(ctx, ['institution'], v.onFocusField)}
      <div class="field search">
        <label for="institution-search">${d.search}</label>
        <p class="hint" id="institution-search-hint">${d.searchHint}</p>
        <input
          id="institution-search"
          type="search"
          part="input"
          autocomplete="off"
          .value=${v.filter}
          aria-describedby="institution-search-hint institution-count"
          @input=${(e: Event) => v.onFilter((e.target as HTMLInputElement).value)}
        />
      </div>
      <p class="hint" id="institution-count" role="status">${count}</p>
      ${
        matches.length > 0
          ? radioGroup(ctx, {
              path: 'institution',
              legend: d.legend,
              value: v.selected,
              choices: matches.map((i) => ({
                value: i.code,
                label: i.name,
                hint: regions.of(i.country) ?? i.country,
              })),
              onChange: v.onSelect,
            })
          : nothing
      }
      <div class="actions">
        <button type="submit" part="button primary-button">${v.t.continue}</button>
      </div>
    </form>`;
  };
}
