import { describe, expect, it } from 'vitest';
import { toTsv } from './tsv-export';

const columns = [
  { name: 'Name', type: 'string' },
  { name: 'Value', type: 'real' },
];

describe('toTsv', () => {
  it('separates cells with tabs and rows with CRLF, header first, no BOM', () => {
    expect(
      toTsv(columns, [
        ['a', 1],
        ['b', null],
      ]),
    ).toBe('Name\tValue\r\na\t1\r\nb\t');
    expect(toTsv(columns, [['a', 1]], { includeHeader: false })).toBe('a\t1');
  });

  it('quotes cells with tabs, line breaks or quotes the way Excel pastes them', () => {
    expect(
      toTsv(
        columns,
        [
          ['tab\there', 1],
          ['two\r\nlines', 2],
          ['say "x"', 3],
          ['a,b', 4],
        ],
        {
          includeHeader: false,
        },
      ),
    ).toBe('"tab\there"\t1\r\n"two\r\nlines"\t2\r\n"say ""x"""\t3\r\na,b\t4');
  });

  it('neutralises formulas in text cells but not negative numbers', () => {
    expect(
      toTsv(
        columns,
        [
          ['=1+1', -3.5],
          ['-x', '-2'],
          ['@A1', '=2'],
        ],
        { includeHeader: false },
      ),
    ).toBe("'=1+1\t-3.5\r\n'-x\t-2\r\n'@A1\t'=2");
    expect(toTsv(columns, [['=1+1', 1]], { includeHeader: false, neutraliseFormulas: false })).toBe(
      '=1+1\t1',
    );
  });

  it('keeps unicode and treats undefined like null', () => {
    expect(toTsv([{ name: 'ü' }], [['😀 ✓'], [undefined]])).toBe('ü\r\n😀 ✓\r\n');
  });
});
