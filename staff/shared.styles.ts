import { css } from 'lit';

/**
 * What every screen shares: type, fields, buttons, tables, the error summary. Colours meet WCAG 2.2
 * AA contrast on white (4.5:1 for text, 3:1 for borders and focus), and the focus ring is never
 * removed, only made thicker.
 */
export const sharedStyles = css`
  :host {
    display: block;
    color: #1b1b1b;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1 {
    font-size: 1.75rem;
    line-height: 1.2;
    margin: 0 0 1rem;
  }
  h2 {
    font-size: 1.25rem;
    margin: 1.5rem 0 0.75rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 1rem 0 0.5rem;
  }
  p {
    margin: 0 0 1rem;
    max-width: 70ch;
  }
  a {
    color: #0b4ea2;
    text-underline-offset: 0.15em;
  }
  a:hover {
    color: #083b7a;
  }
  /* A link on its own line is a target of at least 24 px (WCAG 2.5.8), not a word in a sentence. */
  p > a:only-child {
    display: inline-block;
    min-height: 24px;
    padding-block: 2px;
  }
  :focus-visible {
    outline: 3px solid #ffbf47;
    outline-offset: 2px;
    box-shadow: 0 0 0 5px #1b1b1b;
  }
  /* Regions that take focus after a change of screen (tabindex=-1) are not controls: no ring. */
  [tabindex='-1']:focus {
    outline: none;
    box-shadow: none;
  }
  .card {
    background: #fff;
    border: 1px solid #c9ccd1;
    border-radius: 6px;
    padding: 1.25rem 1.5rem;
    margin-bottom: 1.25rem;
  }
  .narrow {
    max-width: 32rem;
    margin: 2rem auto;
  }
  .field {
    margin-bottom: 1.25rem;
  }
  label,
  .label,
  legend {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  .hint {
    display: block;
    color: #4a4f55;
    margin-bottom: 0.35rem;
    font-size: 0.95rem;
  }
  .error-message {
    display: block;
    color: #b00020;
    font-weight: 600;
    margin-bottom: 0.35rem;
  }
  input[type='text'],
  input[type='email'],
  input[type='password'],
  input[type='search'],
  input[type='number'],
  input[type='date'],
  select,
  textarea {
    font: inherit;
    width: 100%;
    max-width: 30rem;
    min-height: 2.75rem;
    padding: 0.4rem 0.6rem;
    border: 2px solid #5c6168;
    border-radius: 4px;
    background: #fff;
    color: inherit;
  }
  textarea {
    max-width: 100%;
    min-height: 8rem;
    resize: vertical;
  }
  .invalid input,
  .invalid textarea,
  .invalid select {
    border-color: #b00020;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 2.75rem;
  }
  .check input {
    width: 1.4rem;
    height: 1.4rem;
    margin: 0;
  }
  .check label {
    margin: 0;
    font-weight: 400;
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.4rem 1rem;
    border: 2px solid #0b4ea2;
    border-radius: 4px;
    background: #0b4ea2;
    color: #fff;
    cursor: pointer;
    text-decoration: none;
  }
  button:hover,
  .button:hover {
    background: #083b7a;
    color: #fff;
  }
  button.secondary,
  .button.secondary {
    background: #fff;
    color: #0b4ea2;
  }
  button.secondary:hover,
  .button.secondary:hover {
    background: #e8eef8;
    color: #083b7a;
  }
  button.danger {
    background: #b00020;
    border-color: #b00020;
  }
  button.link {
    background: none;
    border: none;
    color: #0b4ea2;
    text-decoration: underline;
    padding: 0;
    font-weight: 400;
  }
  button[disabled] {
    opacity: 0.7;
    cursor: progress;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    margin-top: 1rem;
  }
  .error-summary {
    border: 4px solid #b00020;
    padding: 1rem 1.25rem;
    margin-bottom: 1.5rem;
    background: #fff;
  }
  .error-summary h2 {
    margin-top: 0;
    font-size: 1.15rem;
  }
  .error-summary ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  .error-summary a {
    color: #b00020;
    font-weight: 600;
  }
  .notice {
    border-left: 6px solid #0b6e3a;
    background: #eef7f1;
    padding: 0.75rem 1rem;
    margin-bottom: 1rem;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: #fff;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0.5rem 0;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.55rem 0.6rem;
    border-bottom: 1px solid #c9ccd1;
  }
  thead th {
    border-bottom: 2px solid #5c6168;
    white-space: nowrap;
  }
  td.number,
  th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .tag {
    display: inline-block;
    padding: 0.05rem 0.45rem;
    border-radius: 3px;
    font-size: 0.9rem;
    font-weight: 600;
    background: #e4e7eb;
    color: #1b1b1b;
    white-space: nowrap;
  }
  .tag.overdue {
    background: #b00020;
    color: #fff;
  }
  .tag.soon {
    background: #fff2c2;
    color: #5a4000;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(9rem, max-content) 1fr;
    gap: 0.35rem 1rem;
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
