/**
 * How a citizen's name is searched (issue 20): case- and accent-insensitive, by prefix of
 * "last name first name". SQLite's lower() folds ASCII only and it has no accent folding, so the
 * index of migration 016 is on an expression that replaces each accented letter of Spanish (the
 * names of Kichwa and Quechua speakers are written with the same letters) and ç, then lowers. SQLite's
 * parser allows some 25 nested calls, so the table stops there: a letter outside it (ö, à) is
 * kept as it is on both sides. The search term goes through the very same table here, so both
 * sides agree letter for letter (api/db/inbox-search-plans.test.ts checks them against each other).
 */
export const FOLDS: readonly (readonly [string, string])[] = [
  ['a', 'áÁ'],
  ['e', 'éÉ'],
  ['i', 'íÍ'],
  ['o', 'óÓ'],
  ['u', 'úÚüÜ'],
  ['n', 'ñÑ'],
  ['c', 'çÇ'],
];

const FOLD = new Map(FOLDS.flatMap(([plain, accented]) => [...accented].map((ch) => [ch, plain] as const)));

/** The search form of a name or a search term: composed, accents folded, ASCII lower case, one space. */
export function nameKey(text: string): string {
  const folded = [...text.normalize('NFC')].map((ch) => FOLD.get(ch) ?? ch).join('');
  // Like SQLite's lower(): ASCII letters only, so that both sides fold the same letters.
  return folded
    .replace(/[A-Z]/g, (ch) => ch.toLowerCase())
    .replace(/\s+/g, ' ')
    .trim();
}

/** The same as SQL, over `last_name || ' ' || first_name`: the expression migration 016 indexes. */
export function nameKeySql(): string {
  let sql = "last_name || ' ' || first_name";
  for (const [plain, accented] of FOLDS)
    for (const ch of accented) sql = `replace(${sql}, '${ch}', '${plain}')`;
  return `lower(${sql})`;
}
