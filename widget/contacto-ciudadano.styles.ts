import { css } from 'lit';

/**
 * All styles live in the shadow root: the host page cannot reach in and nothing leaks out.
 * `all: initial` on the host also cuts the inherited properties (font, colour, spacing) that a
 * hostile page could set; the theme comes back in through the documented `--cc-*` properties.
 */
export const styles = css`
  :host {
    all: initial;
    display: block;
    contain: layout style;
    box-sizing: border-box;
    font-family: var(--cc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--cc-font-size, 1em);
    line-height: 1.5;
    color: var(--cc-color-text, #0b0c0c);
    --_primary: var(--cc-color-primary, #00567a);
    --_primary-text: var(--cc-color-primary-text, #ffffff);
    --_error: var(--cc-color-error, #b00020);
    --_focus: var(--cc-color-focus, #ffbf47);
    --_border: var(--cc-color-border, #4c4c4c);
    --_muted: var(--cc-color-muted, #4a4a4a);
    --_background: var(--cc-color-background, #ffffff);
    --_radius: var(--cc-radius, 4px);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /* Set, not inherited: a page rule such as "* { letter-spacing: .3em !important }" matches the host
     element, and whatever the host has, its shadow tree would inherit. The page's root font size is
     not trusted either: text never gets smaller than 16px, and grows with the reader's setting. */
  .root {
    font-family: var(--cc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--cc-font-size, max(1rem, 16px));
    font-style: normal;
    font-weight: 400;
    line-height: 1.5;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-indent: 0;
    text-align: start;
    text-shadow: none;
    white-space: normal;
    visibility: visible;
    color: var(--cc-color-text, #0b0c0c);
  }
  .container {
    background: var(--_background);
    padding: var(--cc-padding, 1em);
    max-width: 42em;
    min-height: 12em;
  }
  /* While the catalog or a view loads: the room a first question usually takes, so that the page
     below does not jump when it appears (no layout shift). The same height as the rule docs/widget.md
     gives webmasters for the moment before the script has run. */
  .container:has(> .loading) {
    min-height: 30rem;
  }
  h2,
  .legend-heading {
    font-size: 1.5em;
    line-height: 1.25;
    margin: 0 0 1em;
    font-weight: 700;
  }
  h3 {
    font-size: 1.15em;
    margin: 1.5em 0 0.5em;
  }
  p {
    margin: 0 0 1em;
  }
  .step-count {
    color: var(--_muted);
    margin: 0 0 0.25em;
  }
  .field {
    margin: 0 0 1.5em;
  }
  .field--error {
    border-left: 4px solid var(--_error);
    padding-left: 0.75em;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    font-weight: 700;
    padding: 0;
    margin-bottom: 0.5em;
  }
  label {
    display: block;
    font-weight: 700;
    margin-bottom: 0.25em;
  }
  .optional {
    font-weight: 400;
  }
  .hint {
    color: var(--_muted);
    margin: 0 0 0.5em;
  }
  .error-message {
    color: var(--_error);
    font-weight: 700;
    margin: 0 0 0.5em;
  }
  input[type='text'],
  input[type='email'],
  input[type='tel'],
  input[type='search'],
  textarea {
    display: block;
    width: 100%;
    max-width: 32em;
    font: inherit;
    color: inherit;
    background: var(--_background);
    padding: 0.5em;
    border: 2px solid var(--_border);
    border-radius: 0;
    min-height: 2.75em;
  }
  textarea {
    max-width: 100%;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .choices {
    display: grid;
    gap: 0.5em;
  }
  .choice {
    display: grid;
    grid-template-columns: 2em 1fr;
    align-items: start;
    column-gap: 0.5em;
  }
  .choice input {
    width: 1.5em;
    height: 1.5em;
    margin: 0.15em 0 0;
    accent-color: var(--_primary);
  }
  .choice label {
    font-weight: 400;
    margin: 0;
    padding-top: 0.1em;
  }
  .choice-hint {
    grid-column: 2;
  }
  button {
    font: inherit;
    font-weight: 700;
    min-height: 2.75em;
    min-width: 2.75em;
    padding: 0.5em 1em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_primary-text);
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  button.secondary,
  [part~='secondary-button'] {
    background: var(--_background);
    color: var(--_primary);
  }
  .link-button {
    background: none;
    border: 0;
    color: var(--_primary);
    text-decoration: underline;
    padding: 0.25em;
    font-weight: 400;
  }
  a {
    color: var(--_primary);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px var(--cc-color-text, #0b0c0c);
  }
  .step-title:focus,
  .error-summary:focus {
    outline: 3px solid var(--_focus);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    align-items: center;
    margin-top: 1.5em;
  }
  .error-summary {
    border: 4px solid var(--_error);
    padding: 1em;
    margin-bottom: 1.5em;
  }
  .error-summary h3 {
    margin-top: 0;
  }
  .error-summary ul {
    margin: 0;
    padding-left: 1.25em;
  }
  .error-summary a {
    color: var(--_error);
    font-weight: 700;
  }
  .banner {
    border: 4px solid var(--_error);
    padding: 1em;
    margin-bottom: 1em;
  }
  .summary {
    margin: 0 0 1.5em;
  }
  .summary-row {
    display: grid;
    grid-template-columns: minmax(7em, 30%) 1fr auto;
    gap: 0.5em;
    border-bottom: 1px solid #b1b4b6;
    padding: 0.5em 0;
  }
  .summary dt {
    font-weight: 700;
  }
  .summary dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .count--over {
    color: var(--_error);
    font-weight: 700;
  }
  .panel {
    background: var(--_primary);
    color: var(--_primary-text);
    padding: 1.25em;
    margin-bottom: 1.5em;
    border-radius: var(--_radius);
  }
  .reference {
    font-size: 1.5em;
    letter-spacing: 0.05em;
    overflow-wrap: anywhere;
  }
  .warning {
    border-left: 6px solid var(--_error);
    padding-left: 0.75em;
    font-weight: 700;
  }
  .question {
    margin: 0 0 1em;
    padding-left: 0.75em;
    border-left: 4px solid var(--_primary);
  }
  .timeline {
    padding-left: 1.25em;
  }
  .timeline li {
    margin-bottom: 0.75em;
  }
  .timeline time {
    display: block;
    color: var(--_muted);
  }
  .status-tag {
    display: inline-block;
    padding: 0.1em 0.5em;
    border: 2px solid currentColor;
  }
  .launcher {
    position: fixed;
    right: 1em;
    bottom: 1em;
    z-index: 2147483000;
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.3);
  }
  dialog {
    border: 0;
    padding: 0;
    width: min(44em, 100vw - 1em);
    max-height: calc(100vh - 1em);
    overflow: auto;
    color: inherit;
    background: var(--_background);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  .dialog-header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 1em;
    padding: 0.5em 1em;
    border-bottom: 1px solid #b1b4b6;
  }
  .dialog-header h2 {
    margin: 0;
    font-size: 1.25em;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
  @media (max-width: 30em) {
    .summary-row {
      grid-template-columns: 1fr;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
  @media (forced-colors: active) {
    button,
    .panel,
    .error-summary,
    .field--error,
    .status-tag {
      border: 2px solid CanvasText;
    }
    :focus-visible {
      outline: 3px solid Highlight;
    }
  }
  @media print {
    .actions,
    .launcher {
      display: none;
    }
  }
`;
