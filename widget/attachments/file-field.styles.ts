/**
 * The styles of the file field (drop zone, file list, progress) and of the download buttons. They
 * live with the lazy pieces, not in the entry's stylesheet, so the first question's script does not
 * grow. A constructable stylesheet, because a page whose CSP forbids inline styles still lets a
 * shadow root adopt one (an inline <style> would be blocked). The pieces are plain templates with no
 * handle on their shadow root, so each renders a hidden marker element that, once connected, adopts
 * the sheet into the root it finds itself in (before the first paint: the upgrade is synchronous).
 * The entry's custom properties (--_primary, --_border…) carry the theme.
 */
// Not Lit's `css` (a chunk imports no Lit): a plain string, named so that the build minifies it as
// it does the entry's styles (scripts/minify-css-literals.ts reads css`…` in *.styles.ts files).
const css = String.raw;
const CSS = css`
.drop-zone {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.5em 1em;
  max-width: 32em;
  padding: 0.75em;
  border: 2px dashed var(--_border);
  border-radius: var(--_radius);
}
.drop-zone:focus-within {
  border-style: solid;
}
.drop-zone input[type='file'] {
  font: inherit;
  max-width: 100%;
  min-height: 2.75em;
  color: inherit;
}
.drop-zone input[type='file']::file-selector-button {
  font: inherit;
  font-weight: 700;
  min-height: 2.75em;
  margin-inline-end: 0.75em;
  padding: 0.5em 1em;
  border: 2px solid var(--_primary);
  border-radius: var(--_radius);
  background: var(--_background);
  color: var(--_primary);
  cursor: pointer;
}
/* Dropping needs a pointer that can drag: on touch screens the hint would promise what cannot be done. */
@media not (pointer: fine) {
  .drop-hint {
    display: none;
  }
}
.uploads,
.attachment-links {
  list-style: none;
  margin: 0.75em 0 0;
  padding: 0;
  display: grid;
  gap: 0.5em;
  max-width: 32em;
}
.upload {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.25em 0.75em;
  padding: 0.5em 0.75em;
  border: 1px solid var(--_border);
  border-inline-start-width: 6px;
  border-radius: var(--_radius);
}
.upload--failed,
.upload--refused {
  border-color: var(--_error);
  border-style: solid double solid solid;
}
/* The size is a hint, whose margin would break the line it shares with the state. */
.upload > * {
  margin: 0;
}
.upload-name {
  flex: 1 1 100%;
  min-width: 0;
  font-weight: 700;
  overflow-wrap: anywhere;
}
.upload progress {
  flex: 1 1 100%;
  width: 100%;
  height: 0.75em;
  accent-color: var(--_primary);
}
.upload .error-message {
  flex: 1 1 100%;
  margin: 0;
}
.upload-actions {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5em;
  margin-inline-start: auto;
}
.upload-actions .link-button,
.attachment-links .link-button {
  min-height: 2.75em;
  min-width: 2.75em;
  padding: 0.5em 0.75em;
  overflow-wrap: anywhere;
  text-align: start;
}
.attachment-links li {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0 0.5em;
}
@media (prefers-reduced-motion: no-preference) {
  .upload {
    transition: border-color 0.2s;
  }
}
@media (forced-colors: active) {
  .drop-zone,
  .upload {
    border-color: CanvasText;
  }
  .upload--failed,
  .upload--refused {
    border-color: Mark;
  }
  .upload progress {
    accent-color: Highlight;
  }
}
`;

let sheet: CSSStyleSheet | null = null;

/** The marker's tag; a name a page is unlikely to define. */
export const FILE_STYLES_TAG = 'contacto-ciudadano-file-styles';

class FileStyles extends HTMLElement {
  connectedCallback(): void {
    const root = this.getRootNode();
    if (!(root instanceof ShadowRoot)) return;
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    if (!root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

if (!customElements.get(FILE_STYLES_TAG)) customElements.define(FILE_STYLES_TAG, FileStyles);
