/**
 * How a citizen's name is searched (issue 20): case- and accent-insensitive, by prefix of
 * "last name first name". Each filing stores the key nameKey gives (the column name_key, indexed by
 * migration 018), and the search term is folded by the same function, so both sides agree letter
 * for letter. The table is kept small enough for SQL: migration 018 filled the key of the requests
 * already stored with the expression nameKeySql writes (SQLite's parser allows some 25 nested
 * calls), and api/db/inbox-search-plans.test.ts checks that the two fold alike. A letter outside
 * it (ö, à) is kept as it is on both sides.
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

/** The same as SQL, over `last_name || ' ' || first_name`: how migration 018 keyed the requests stored before it. */
export function nameKeySql(): string {
  let sql = "last_name || ' ' || first_name";
  for (const [plain, accented] of FOLDS)
    for (const ch of accented) sql = `replace(${sql}, '${ch}', '${plain}')`;
  return `lower(${sql})`;
}
