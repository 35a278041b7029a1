import * as v from 'valibot';
import type { IssueKey } from './messages.ts';

const key = (k: IssueKey) => k;

// Control characters other than tab and newlines have no place in a person's text; they are refused,
// never silently stripped, so what is stored is exactly what the writer saw when sending.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const PLAIN_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/**
 * Invisible characters that change what a text seems to say: the bidirectional controls (embeddings,
 * overrides and isolates U+202A–U+202E, U+2066–U+2069, the marks U+200E/U+200F and U+061C), which
 * can show "gpj.exe" as "exe.jpg" or turn a sentence around in the inbox, and the zero-width
 * characters (U+200B–U+200D, U+2060, U+FEFF), which hide text from a reader and from a search.
 */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/u;

/**
 * The one legitimate use of those in the product's languages (Spanish, English, Kichwa, Quechua,
 * none of which needs a joiner): the zero-width joiner inside an emoji sequence (👩‍⚕️, a family).
 * It is kept there and refused everywhere else.
 */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;

/** True when the text holds no bidi control and no zero-width character outside an emoji sequence. */
export function isVisibleText(text: string): boolean {
  return !INVISIBLE.test(text.replace(EMOJI_JOINER, ''));
}

/** The checks every free text of a person gets (citizen fields, staff notes): trimmed, plain, visible. */
export const plainText = (max: number, min = 1) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(min),
    v.maxLength(max),
    v.regex(PLAIN_TEXT, key('invalid_text')),
    v.check(isVisibleText, key('invisible_text')),
  );
