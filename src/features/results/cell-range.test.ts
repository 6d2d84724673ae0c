import { describe, expect, it } from 'vitest';
import {
  inRowSpans,
  isSingleCell,
  moveRange,
  rangeBounds,
  rangeContains,
  rangeSize,
  rowsPaintChanged,
  type CellRange,
} from './cell-range';

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

  describe('rows to repaint', () => {
    const block = (top: number, bottom: number, left = 1, right = 3): CellRange => ({
      anchor: { row: top, col: left },
      focus: { row: bottom, col: right },
    });
    const single = (row: number): CellRange => block(row, row, 2, 2);
    // Every row whose painted cells differ, found by brute force over both ranges.
    const changedRows = (before: CellRange | null, next: CellRange | null) => {
      const painted = (r: CellRange | null, row: number, col: number) =>
        r !== null && !isSingleCell(r) && rangeContains(r, row, col);
      const rows: number[] = [];
      for (let row = 0; row < 40; row++) {
        for (let col = 0; col < 8; col++) {
          if (painted(before, row, col) !== painted(next, row, col)) {
            rows.push(row);
            break;
          }
        }
      }
      return rows;
    };
    const repainted = (before: CellRange | null, next: CellRange | null) => {
      const spans = rowsPaintChanged(before, next);
      return Array.from({ length: 40 }, (_, row) => row).filter((row) => inRowSpans(spans, row));
    };

    it('repaints nothing while only single cells are focused', () => {
      expect(rowsPaintChanged(null, single(4))).toEqual([]);
      expect(rowsPaintChanged(single(4), single(9))).toEqual([]);
    });

    it('repaints only the rows a Shift+arrow adds or removes', () => {
      expect(repainted(block(5, 9), block(5, 10))).toEqual([10]);
      expect(repainted(block(5, 10), block(5, 9))).toEqual([10]);
      expect(repainted(block(5, 9), block(4, 9))).toEqual([4]);
    });

    it('repaints exactly the rows whose cells change, whatever the move', () => {
      const cases: [CellRange | null, CellRange | null][] = [
        [single(5), block(5, 12)],
        [block(5, 12), single(20)],
        [block(5, 12), null],
        [block(5, 7), block(2, 5)], // flipped across the anchor
        [block(5, 12), block(5, 12, 1, 4)], // a column more: every row of the block
        [block(5, 12, 0, 2), block(20, 30, 0, 2)],
        [block(5, 12), block(5, 12)],
      ];
      for (const [before, next] of cases) {
        expect(repainted(before, next), JSON.stringify([before, next])).toEqual(
          changedRows(before, next),
        );
      }
    });
  });
});
