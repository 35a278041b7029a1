import type { CatalogDraft } from './draft.ts';

/** What each section of the catalog form is drawn from and edits. */
export interface SectionContext {
  draft: CatalogDraft;
  /** The message beside the field `id`, if it has an error. */
  error: (id: string) => string | undefined;
  /** Whether any field whose id starts with `prefix` has an error (a closed <details> opens). */
  hasErrors: (prefix: string) => boolean;
  /** Edits the draft (a copy is made and the form drawn again). */
  change: (edit: (draft: CatalogDraft) => void) => void;
}

export const LANGS = ['es', 'en'] as const;
