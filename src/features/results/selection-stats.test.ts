import { describe, expect, it } from 'vitest';
import { combineSelectionStats, describeSelectionStats, selectionStats } from './selection-stats';

describe('selectionStats', () => {
  it('counts every non-empty cell and sums only numeric columns', () => {
    const stats = selectionStats(
      ['string', 'long'],
      [
        ['TEXAS', '4701'],
        ['KANSAS', '3166'],
        ['IOWA', '2337'],
      ],
    );
    expect(stats).toEqual({
      count: 6,
      numericCount: 3,
      sum: 10204,
      average: 10204 / 3,
      min: 2337,
      max: 4701,
    });
    expect(describeSelectionStats(stats)).toBe(
      'Count 6 · Sum 10,204 · Avg 3,401.3333 · Min 2,337 · Max 4,701',
    );
  });

  it('skips nulls, empty text and non-finite reals, and handles negatives', () => {
    const stats = selectionStats(
      ['real', 'decimal'],
      [
        ['-1.5', null],
        ['NaN', '2.25'],
        ['Infinity', ''],
      ],
    );
    expect(stats.count).toBe(4); // -1.5, NaN, 2.25, Infinity: present but not all numbers
    expect(stats.numericCount).toBe(2);
    expect(stats.sum).toBe(0.75);
    expect(stats.min).toBe(-1.5);
    expect(stats.max).toBe(2.25);
  });

  it('says only the count when nothing is numeric', () => {
    const stats = selectionStats(['string', 'datetime'], [['a', '2007-01-01T00:00:00Z']]);
    expect(stats.average).toBeNull();
    expect(describeSelectionStats(stats)).toBe('Count 2');
  });
});

describe('combineSelectionStats', () => {
  it('gives the figures of the whole block from its parts', () => {
    const types = ['long', 'string', 'real'] as const;
    const first = [
      ['5', 'a', '1.5'],
      [null, '', '-2'],
    ];
    const second = [
      ['100', 'b', null],
      ['7', 'c', '0.25'],
    ];
    expect(
      combineSelectionStats(selectionStats(types, first), selectionStats(types, second)),
    ).toEqual(selectionStats(types, [...first, ...second]));
  });

  it('keeps min and max of the part that has numbers when the other has none', () => {
    const numbers = selectionStats(['long'], [['3'], ['-4']]);
    const none = selectionStats(['string'], [['x']]);
    expect(combineSelectionStats(none, numbers)).toMatchObject({
      count: 3,
      numericCount: 2,
      min: -4,
      max: 3,
      average: -0.5,
    });
    expect(combineSelectionStats(numbers, none)).toMatchObject({ min: -4, max: 3 });
  });
});
