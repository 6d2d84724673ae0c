import { describe, expect, it } from 'vitest';
import { DataSetBuilder } from './dataset-builder';
import { filterIndex } from './filter-index';
import { GroupedView } from './group-view';
import { COUNT_COLUMN_ID, GROUP_COLUMN_ID } from './group-models';
import { pivotTable } from './pivot-table';
import type { ResultTable } from './result-types';

function tableOf(columns: [string, string][], rows: unknown[][]): ResultTable {
  const builder = new DataSetBuilder('kusto-v2');
  builder.addTable({
    id: 1,
    name: 'T',
    kind: 'PrimaryResult',
    columns: columns.map(([name, wireType]) => ({ name, wireType })),
  });
  builder.appendRows(1, rows, { exactNumbers: false });
  builder.completeTable(1);
  return builder.table(1)!;
}

const storms = tableOf(
  [
    ['State', 'string'],
    ['EventType', 'string'],
    ['Damage', 'long'],
    ['Start', 'datetime'],
  ],
  [
    ['TEXAS', 'Hail', 10, '2007-01-02T00:00:00Z'],
    ['KANSAS', 'Hail', 5, '2007-03-01T00:00:00Z'],
    ['TEXAS', 'Flood', 100, '2007-02-01T00:00:00Z'],
    ['TEXAS', 'Hail', null, '2007-01-01T00:00:00Z'],
    [null, 'Wind', 1, '2007-05-01T00:00:00Z'],
    ['KANSAS', 'Tornado', 7, '2007-04-01T00:00:00Z'],
    ['IOWA', 'Hail', 2, '2007-06-01T00:00:00Z'],
  ],
);

describe('GroupedView', () => {
  it('lists groups by key ascending (null first) with counts and aggregates', () => {
    const view = new GroupedView(storms, null, ['State'], { Damage: 'sum', Start: 'max' });
    const { rows, rowCount } = view.block([], [], 0, 100);
    expect(rowCount).toBe(4);
    expect(rows.map((r) => [r.group?.key, r.group?.count])).toEqual([
      [null, 1],
      ['IOWA', 1],
      ['KANSAS', 2],
      ['TEXAS', 3],
    ]);
    const texas = rows[3]!;
    expect(texas.cells).toEqual([null, null, '110', '2007-02-01T00:00:00.000Z']);
    expect(texas.group).toMatchObject({ depth: 0, column: 'State', leaf: true, expanded: false });
  });

  it('sorts groups by count, an aggregate or the key, and rows inside groups by columns', () => {
    const view = new GroupedView(storms, null, ['State'], { Damage: 'max' });
    const byCount = view.block([{ colId: COUNT_COLUMN_ID, sort: 'desc' }], [], 0, 10).rows;
    expect(byCount[0]?.group?.key).toBe('TEXAS');
    const byMax = view.block([{ colId: 'Damage', sort: 'asc' }], [], 0, 10).rows;
    expect(byMax.map((r) => r.group?.key)).toEqual([null, 'IOWA', 'KANSAS', 'TEXAS']);
    const byKey = view.block([{ colId: GROUP_COLUMN_ID, sort: 'desc' }], [], 0, 10).rows;
    expect(byKey.map((r) => r.group?.key)).toEqual(['TEXAS', 'KANSAS', 'IOWA', null]);

    const texasId = JSON.stringify(['TEXAS']);
    const open = view.block([{ colId: 'Start', sort: 'asc' }], [texasId], 0, 10);
    expect(open.rowCount).toBe(7);
    const texasAt = open.rows.findIndex((r) => r.group?.key === 'TEXAS');
    expect(open.rows[texasAt]?.group?.expanded).toBe(true);
    expect(open.rows.slice(texasAt + 1, texasAt + 4).map((r) => r.row)).toEqual([3, 0, 2]);
    // Blocks that start inside an expanded group.
    expect(
      view
        .block([{ colId: 'Start', sort: 'asc' }], [texasId], texasAt + 2, texasAt + 3)
        .rows.map((r) => r.row),
    ).toEqual([0]);
  });

  it('nests groups and groups only the filtered rows', () => {
    const hail = filterIndex(storms, {
      EventType: { filterType: 'text', type: 'equals', filter: 'hail' },
    });
    const view = new GroupedView(storms, hail, ['State', 'EventType'], { Damage: 'count' });
    const top = view.block([], [JSON.stringify(['TEXAS'])], 0, 10).rows;
    expect(top.map((r) => [r.group?.depth, r.group?.key, r.group?.count])).toEqual([
      [0, 'IOWA', 1],
      [0, 'KANSAS', 1],
      [0, 'TEXAS', 2],
      [1, 'Hail', 2],
    ]);
    expect(top[3]?.group?.leaf).toBe(true);
    expect(top[3]?.cells[2]).toBe('1'); // count skips the null Damage
  });

  it('computes dcount, avg and min', () => {
    const view = new GroupedView(storms, null, ['EventType'], {
      State: 'dcount',
      Damage: 'avg',
      Start: 'min',
    });
    const hail = view.block([], [], 0, 10).rows.find((r) => r.group?.key === 'Hail')!;
    expect(hail.cells).toEqual(['3', null, String((10 + 5 + 2) / 3), '2007-01-01T00:00:00.000Z']);
  });
});

describe('pivotTable', () => {
  it('makes rows × column values × an aggregate', () => {
    const pivot = pivotTable(storms, null, {
      rows: ['State'],
      pivotColumn: 'EventType',
      aggregate: { column: 'Damage', fn: 'sum' },
    });
    expect(pivot.columns).toEqual(['State', 'Flood', 'Hail', 'Tornado', 'Wind']);
    expect(pivot.keyColumns).toBe(1);
    expect(pivot.rows).toEqual([
      [null, null, null, null, 1],
      ['IOWA', null, 2, null, null],
      ['KANSAS', null, 5, 7, null],
      ['TEXAS', 100, 10, null, null],
    ]);
    const counts = pivotTable(storms, null, {
      rows: ['State'],
      pivotColumn: 'EventType',
      aggregate: { column: '', fn: 'count' },
    });
    expect(counts.rows.find((r) => r[0] === 'TEXAS')).toEqual(['TEXAS', 1, 2, 0, 0]);
  });
});
