import { describe, expect, it } from 'vitest';
import { BoundedTsv } from './bounded-tsv';
import { toTsv } from './tsv-export';

const columns = [
  { name: 'State', type: 'string' },
  { name: 'Count', type: 'long' },
];
const rows = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => [`S${from + i}`, `${from + i}`]);

describe('BoundedTsv', () => {
  it('joins parts into the same text toTsv makes of all the rows at once', () => {
    const tsv = new BoundedTsv(columns, { includeHeader: true });
    expect(tsv.add(rows(0, 3))).toBe(true);
    expect(tsv.add([])).toBe(true);
    expect(tsv.add(rows(3, 5))).toBe(true);
    expect(tsv.text).toBe(toTsv(columns, rows(0, 5)));
    expect(tsv.rows).toBe(5);
    expect(tsv.limited).toBe(false);
  });

  it('keeps the line break before a row of empty cells', () => {
    const one = [{ name: 'Note', type: 'string' }];
    const tsv = new BoundedTsv(one);
    tsv.add([[null], ['b']]);
    tsv.add([[null]]);
    expect(tsv.text).toBe('\r\nb\r\n');
    expect(tsv.rows).toBe(3);
  });

  it('stops at whole rows before the character limit, inside a part, and takes no more', () => {
    // "S0\t0" is 4 characters; each further line adds CRLF + 4 (rows 0–9).
    const tsv = new BoundedTsv(columns, { charLimit: 4 + 6 * 3 + 5 });
    expect(tsv.add(rows(0, 2))).toBe(true);
    expect(tsv.add(rows(2, 6))).toBe(false);
    expect(tsv.text).toBe(toTsv(columns, rows(0, 4), { includeHeader: false }));
    expect(tsv.text.length).toBeLessThanOrEqual(4 + 6 * 3 + 5);
    expect(tsv.rows).toBe(4);
    expect(tsv.limited).toBe(true);
    expect(tsv.add(rows(6, 7))).toBe(false);
    expect(tsv.rows).toBe(4);
  });

  it('counts the header against the limit, not as a row', () => {
    const tsv = new BoundedTsv(columns, {
      includeHeader: true,
      charLimit: 'State\tCount'.length + 6,
    });
    expect(tsv.add(rows(0, 3))).toBe(false);
    expect(tsv.text).toBe('State\tCount\r\nS0\t0');
    expect(tsv.rows).toBe(1);
  });
});
