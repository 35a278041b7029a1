import type { TemplateResult } from 'lit';
import type { Locale } from '#schema';
import type { InstitutionSummary } from '../api-client.ts';
import type { Texts } from '../locales/index.ts';
import type { Kit } from './kit.ts';

export interface DirectoryHost {
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
}

export interface DirectoryFormView {
  t: Texts;
  locale: Locale;
  api: string;
  host: DirectoryHost;
  /** The citizen's choice: the element goes on with that institution. */
  choose(code: string): void;
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

/** Lower case without accents: "salud publica" finds "Salud Pública". */
const folded = (text: string, locale: Locale) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase(locale);

/** One element's directory: the list once loaded, the search, the choice before Continue. */
interface DirectoryState {
  directory: InstitutionSummary[] | null;
  failed: string | null;
  filter: string;
  selected: string;
  missing: boolean;
}

/**
 * A national portal's first question: the institution, from the directory (`GET /institutions`),
 * searchable by name, with the number of matches announced as the citizen types. A lazy chunk like
 * the later steps; Lit, the form blocks and the directory's request (started by prefetch.ts before
 * this chunk arrives) come from the entry (`kit.ts`).
 */
export function directoryView({ html, nothing, fill, errorSummary, radioGroup, loadDirectory }: Kit) {
  const states = new WeakMap<DirectoryHost, DirectoryState>();

  function load(v: DirectoryFormView, state: DirectoryState): void {
    state.failed = null;
    loadDirectory(v.api, v.locale).then(
      (directory) => {
        state.directory = directory;
        v.host.requestUpdate();
      },
      (error: { code?: string; message?: string; isNetwork?: boolean }) => {
        state.failed = error.isNetwork || !error.message ? v.t.loadFailed : error.message;
        const detail = { code: error.code ?? 'network_error', message: state.failed };
        v.host.dispatchEvent(new CustomEvent('cc-error', { detail, bubbles: true, composed: true }));
        v.host.requestUpdate();
      },
    );
  }

  function list(v: DirectoryFormView, state: DirectoryState, directory: InstitutionSummary[]) {
    const d = TEXTS[v.locale];
    const query = folded(state.filter.trim(), v.locale);
    const matches = directory.filter(
      (i) => !query || i.code === state.selected || folded(`${i.name} ${i.code}`, v.locale).includes(query),
    );
    const regions = new Intl.DisplayNames([v.locale], { type: 'region' });
    const count =
      matches.length === 0
        ? d.count.none
        : fill(matches.length === 1 ? d.count.one : d.count.other, { n: matches.length });
    const errors: Record<string, string> = state.missing ? { institution: d.required } : {};
    const ctx = { t: v.t, errors };
    return html`<p class="hint" id="institution-count" role="status">${count}</p>
      ${
        matches.length > 0
          ? radioGroup(ctx, {
              path: 'institution',
              legend: d.legend,
              value: state.selected,
              choices: matches.map((i) => ({
                value: i.code,
                label: i.name,
                hint: regions.of(i.country) ?? i.country,
              })),
              onChange: (code) => {
                state.selected = code;
                state.missing = false;
                v.host.requestUpdate();
              },
            })
          : nothing
      }`;
  }

  return (v: DirectoryFormView): TemplateResult => {
    const d = TEXTS[v.locale];
    let state = states.get(v.host);
    if (!state) {
      state = { directory: null, failed: null, filter: '', selected: '', missing: false };
      states.set(v.host, state);
    }
    const s = state;
    if (!s.directory && !s.failed) load(v, s);
    const submit = (event: Event) => {
      event.preventDefault();
      if (s.selected) {
        v.choose(s.selected);
        return;
      }
      s.missing = true;
      const form = event.currentTarget as HTMLElement;
      v.host.requestUpdate();
      // After the render that draws it, as the form's steps do.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('.error-summary')?.focus());
    };
    // The heading and the search box are drawn at once (focus can move to the title), the list when it is there.
    return html`<form part="form" class="directory" novalidate @submit=${submit}>
      <h2 class="step-title" tabindex="-1">${d.title}</h2>
      <p class="hint">${d.hint}</p>
      ${errorSummary({ t: v.t, errors: s.missing ? { institution: d.required } : {} }, ['institution'], v.onFocusField)}
      ${
        s.failed
          ? html`<div class="banner" role="alert">
            <p>${s.failed}</p>
            <button type="button" part="button" @click=${() => load(v, s)}>${v.t.retry}</button>
          </div>`
          : nothing
      }
      <div class="field search">
        <label for="institution-search">${d.search}</label>
        <p class="hint" id="institution-search-hint">${d.searchHint}</p>
        <input
          id="institution-search"
          type="search"
          part="input"
          autocomplete="off"
          .value=${s.filter}
          aria-describedby="institution-search-hint institution-count"
          @input=${(e: Event) => {
            s.filter = (e.target as HTMLInputElement).value;
            v.host.requestUpdate();
          }}
        />
      </div>
      ${s.directory ? list(v, s, s.directory) : html`<p class="loading" role="status">${v.t.loading}</p>`}
      <div class="actions">
        <button type="submit" part="button primary-button">${v.t.continue}</button>
      </div>
    </form>`;
  };
}
