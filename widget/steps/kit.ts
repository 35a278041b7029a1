import { html, nothing } from 'lit';
import { fill, LIMITS, PREFERENTIAL_GROUPS } from '#schema';
import { call, loadDirectory } from '../api-client.ts';
import { formatDate, formatDateTime } from '../locales/index.ts';
import { errorMessage, errorSummary, fieldId, radioGroup, textField } from './fields.ts';

/**
 * What the lazy views (the later steps, the confirmation, the status lookup) use of the entry's code,
 * handed to them when they load rather than imported: they import types only.
 *
 * Why: a chunk that imported Lit, the form blocks or the contract's helpers would share those modules
 * with the entry, and the bundler would move them into a third chunk that the entry imports, which a
 * phone can only ask for once the entry has arrived: one more round trip before the first question.
 * Importing the entry itself from the chunk would not do either: the chunk would name it by its plain
 * URL, so on a page that adds `?ver=` to the script (WordPress does) a second copy would load.
 * `scripts/widget-size.ts` fails the build when the entry imports anything.
 */
export const KIT = {
  call,
  loadDirectory,
  html,
  nothing,
  fill,
  LIMITS,
  PREFERENTIAL_GROUPS,
  formatDate,
  formatDateTime,
  errorMessage,
  errorSummary,
  fieldId,
  radioGroup,
  textField,
};

export type Kit = typeof KIT;
