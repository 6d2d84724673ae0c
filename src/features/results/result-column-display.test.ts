import { describe, expect, it } from 'vitest';
import type { ResultColumn } from '../../lib/result-model';
import { displayCellText, resultCellClasses } from './result-column-display';

const column = (type: ResultColumn['type']): ResultColumn => ({ name: 'c', type, wireType: type });

describe('result column display', () => {
  it('right-aligns every numeric type, naming AG Grid’s class that the cellClass replaces', () => {
    for (const type of ['int', 'long', 'real', 'decimal'] as const)
      expect(resultCellClasses(column(type))).toEqual(['cell--number', 'ag-right-aligned-cell']);
    expect(resultCellClasses(column('string'))).toEqual([]);
    expect(resultCellClasses(column('dynamic'))).toEqual(['cell--dynamic']);
  });

  it('shows null as empty and converts only datetimes to local time', () => {
    expect(displayCellText(column('string'), null, true)).toBe('');
    expect(displayCellText(column('string'), '2007-01-01T00:00:00Z', true)).toBe(
      '2007-01-01T00:00:00Z',
    );
    expect(displayCellText(column('datetime'), '2007-01-01T00:00:00Z', false)).toBe(
      '2007-01-01T00:00:00Z',
    );
    expect(displayCellText(column('datetime'), '2007-01-01T00:00:00Z', true)).toMatch(
      / GMT[+-]\d\d:\d\d$/,
    );
    expect(displayCellText(column('datetime'), 'not a date', true)).toBe('not a date');
  });
});
