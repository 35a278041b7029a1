import { describe, expect, it } from 'vitest';
import { csvCell } from './csv.ts';

/** How a spreadsheet that splits on `sep` would cut a line into cells, quotes respected (RFC 4180). */
function split(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === sep) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

const HOSTILE = [
  "texto;=cmd|' /C calc'!A0",
  'texto,=HYPERLINK("http://evil")',
  'texto\t=1+1',
  'a;+1;-1;@SUM(A1)',
  '=1+1',
  '+593 99 123 4567',
  '-5',
  '@SUM(A1:A2)',
  '\t=1',
  '\r=1',
  'uno\n=dos',
  'a;;=b',
  'a,\t=b',
  '"=cita"',
];

describe('CSV cells', () => {
  it('quote every cell that a spreadsheet could split, on , ; tab or a line break', () => {
    for (const text of ['a,b', 'a;b', 'a\tb', 'a\nb', 'a\r\nb', 'a "b"']) {
      expect(csvCell(text), JSON.stringify(text)).toMatch(/^".*"$/s);
    }
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('leave no cell starting with a formula character, whatever the separator the spreadsheet uses', () => {
    for (const text of HOSTILE) {
      const written = csvCell(text);
      // The text of the cell as the file holds it, for a paste or a program that loses the quotes.
      const [content = ''] = split(written, ',');
      for (const sep of [',', ';', '\t']) {
        // A spreadsheet that reads the file with this separator (quotes respected), or splits the
        // cell's text on it (quotes lost): no piece starts with a formula character.
        const pieces = [...split(written, sep), ...content.split(sep)].flatMap((c) => c.split(/\r\n|\r|\n/));
        for (const piece of pieces) {
          expect(piece, `${JSON.stringify(text)} split on ${JSON.stringify(sep)}`).not.toMatch(
            /^[=+\-@\t\r]/,
          );
        }
      }
    }
  });

  it('keep the text readable: only an apostrophe is added', () => {
    expect(csvCell("texto;=cmd|' /C calc'!A0")).toBe(`"texto;'=cmd|' /C calc'!A0"`);
    expect(csvCell('=1+1')).toBe(`'=1+1`);
    expect(csvCell('a;;=b')).toBe(`"a;;'=b"`);
    expect(csvCell('\t=1')).toBe(`"'\t'=1"`);
    expect(csvCell('correo@example.org')).toBe('correo@example.org');
  });
});
