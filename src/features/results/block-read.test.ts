import { describe, expect, it } from 'vitest';
import type { ResultColumn } from '../../lib/result-model';
import { blockParts, describeBlockCopy, pickBlockCells, planBlockRead } from './block-read';
import { moveRange } from './cell-range';

const columns = ['StartTime', 'State', 'EventType', 'Injuries'].map(
  (name) => ({ name, type: name === 'Injuries' ? 'long' : 'string' }) as ResultColumn,
);

function block(from: { row: number; col: number }, to: { row: number; col: number }) {
  return moveRange(moveRange(null, from, false), to, true);
}

describe('planBlockRead', () => {
  it('reads the columns the block covers in the order the grid shows them', () => {
    // The user dragged Injuries to the front: displayed order differs from the result's.
    const displayed = ['Injuries', 'StartTime', 'State', 'EventType'];
    const plan = planBlockRead(
      block({ row: 2, col: 0 }, { row: 4, col: 2 }),
      displayed,
      columns,
      [],
    );
    expect(plan.columnIndexes).toEqual([3, 0, 1]);
    expect(plan).toMatchObject({ start: 2, end: 5, selectedRows: 3, sortModel: [] });
  });

  it('takes a block made upwards and leftwards the same as one made downwards', () => {
    const displayed = columns.map((c) => c.name);
    const up = planBlockRead(block({ row: 9, col: 3 }, { row: 7, col: 2 }), displayed, columns, []);
    const down = planBlockRead(
      block({ row: 7, col: 2 }, { row: 9, col: 3 }),
      displayed,
      columns,
      [],
    );
    expect(up).toEqual(down);
    expect(up).toMatchObject({ columnIndexes: [2, 3], start: 7, end: 10, selectedRows: 3 });
  });

  it('skips displayed columns that are not result columns (none today, but never a wrong cell)', () => {
    const plan = planBlockRead(
      block({ row: 0, col: 0 }, { row: 0, col: 2 }),
      ['State', 'row-number', 'Injuries'],
      columns,
      [],
    );
    expect(plan.columnIndexes).toEqual([1, 3]);
  });

  it('reads rows in the grid’s sort order, multi-column sorts by their sort index', () => {
    const plan = planBlockRead(
      block({ row: 0, col: 0 }, { row: 1, col: 1 }),
      columns.map((c) => c.name),
      columns,
      [
        { colId: 'StartTime', sort: null },
        { colId: 'Injuries', sort: 'desc', sortIndex: 1 },
        { colId: 'State', sort: 'asc', sortIndex: 0 },
      ],
    );
    expect(plan.sortModel).toEqual([
      { colId: 'State', sort: 'asc' },
      { colId: 'Injuries', sort: 'desc' },
    ]);
  });

  it('asks for no more rows than the limit, and remembers how many were selected', () => {
    const plan = planBlockRead(
      block({ row: 10, col: 0 }, { row: 1_009, col: 0 }),
      columns.map((c) => c.name),
      columns,
      [],
      100,
    );
    expect(plan).toMatchObject({ start: 10, end: 110, selectedRows: 1_000 });
  });
});

describe('pickBlockCells', () => {
  it('keeps the planned columns of each row, a missing cell as null', () => {
    const rows = [
      { row: 0, cells: ['2007-01-01', 'TEXAS', 'Hail', '0'] },
      { row: 1, cells: ['2007-01-02', 'IOWA', null, '3'] },
      { row: 2, cells: ['2007-01-03'] },
    ];
    expect(pickBlockCells({ columnIndexes: [3, 1, 2] }, rows)).toEqual([
      ['0', 'TEXAS', 'Hail'],
      ['3', 'IOWA', null],
      [null, null, null],
    ]);
  });
});

describe('describeBlockCopy', () => {
  it('says what was copied, and that a block over the limit was cut', () => {
    expect(describeBlockCopy(1, 1, 1)).toBe('Copied 1 row × 1 column.');
    expect(describeBlockCopy(3, 2, 3)).toBe('Copied 3 rows × 2 columns.');
    expect(describeBlockCopy(100_000, 2, 250_000)).toBe(
      'Copied the first 100,000 rows × 2 columns of 250,000 selected rows (a copy stops at 100,000 rows or 5 million characters, so the page does not pause; use Export CSV for more).',
    );
  });
});

describe('blockParts', () => {
  it('covers the planned rows in order, in parts of at most partRows', () => {
    expect(blockParts({ start: 10, end: 4_510 }, 2_000)).toEqual([
      { start: 10, end: 2_010 },
      { start: 2_010, end: 4_010 },
      { start: 4_010, end: 4_510 },
    ]);
    expect(blockParts({ start: 0, end: 3 }, 2_000)).toEqual([{ start: 0, end: 3 }]);
    expect(blockParts({ start: 5, end: 5 }, 2_000)).toEqual([]);
  });
});
