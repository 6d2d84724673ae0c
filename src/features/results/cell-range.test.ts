import { describe, expect, it } from 'vitest';
import { isSingleCell, moveRange, rangeBounds, rangeContains, rangeSize } from './cell-range';

describe('cell ranges', () => {
  it('starts a one-cell range on a plain focus, even when one existed', () => {
    const first = moveRange(null, { row: 4, col: 2 }, false);
    expect(first).toEqual({ anchor: { row: 4, col: 2 }, focus: { row: 4, col: 2 } });
    expect(isSingleCell(first)).toBe(true);
    const moved = moveRange(moveRange(first, { row: 9, col: 0 }, true), { row: 1, col: 1 }, false);
    expect(moved).toEqual({ anchor: { row: 1, col: 1 }, focus: { row: 1, col: 1 } });
  });

  it('extends from the anchor with Shift, in any direction', () => {
    const start = moveRange(null, { row: 5, col: 3 }, false);
    const up = moveRange(start, { row: 2, col: 1 }, true);
    expect(rangeBounds(up)).toEqual({ top: 2, bottom: 5, left: 1, right: 3 });
    expect(rangeSize(up)).toEqual({ rows: 4, cols: 3 });
    // A later Shift move keeps the original anchor, not the previous focus.
    const down = moveRange(up, { row: 7, col: 4 }, true);
    expect(rangeBounds(down)).toEqual({ top: 5, bottom: 7, left: 3, right: 4 });
  });

  it('a Shift focus with no range yet starts one there', () => {
    expect(moveRange(null, { row: 0, col: 0 }, true)).toEqual({
      anchor: { row: 0, col: 0 },
      focus: { row: 0, col: 0 },
    });
  });

  it('contains exactly the cells inside its bounds', () => {
    const range = { anchor: { row: 3, col: 2 }, focus: { row: 1, col: 0 } };
    expect(rangeContains(range, 1, 0)).toBe(true);
    expect(rangeContains(range, 3, 2)).toBe(true);
    expect(rangeContains(range, 2, 1)).toBe(true);
    expect(rangeContains(range, 0, 1)).toBe(false);
    expect(rangeContains(range, 2, 3)).toBe(false);
    expect(isSingleCell(range)).toBe(false);
  });
});
