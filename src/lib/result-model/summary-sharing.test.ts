import { describe, expect, it } from 'vitest';
import type { DataSetSummary, TableSummary } from './result-types';
import { shareUnchanged } from './summary-sharing';

const table = (id: number, rowCount: number, extra: Partial<TableSummary> = {}): TableSummary => ({
  id,
  name: `Table_${id}`,
  kind: 'PrimaryResult',
  columns: [
    { name: 'State', type: 'string', wireType: 'string' },
    { name: 'Damage', type: 'long', wireType: 'long' },
  ],
  rowCount,
  version: rowCount,
  complete: false,
  progress: null,
  ...extra,
});

const summary = (tables: TableSummary[]): DataSetSummary =>
  ({
    tables,
    primaryTableIds: tables.map((t) => t.id),
    issues: [],
    complete: false,
  }) as unknown as DataSetSummary;

describe('shareUnchanged', () => {
  it('keeps the column array of a table whose columns did not change while rows grow', () => {
    const first = summary([table(1, 100)]);
    const second = shareUnchanged(first, summary([table(1, 5000)]));
    expect(second.tables[0]!.rowCount).toBe(5000);
    expect(second.tables[0]!.columns).toBe(first.tables[0]!.columns);
  });

  it('keeps unchanged tables (and the table list) as the same objects', () => {
    const first = summary([table(1, 100, { complete: true }), table(2, 7)]);
    const same = shareUnchanged(first, summary([table(1, 100, { complete: true }), table(2, 7)]));
    expect(same.tables).toBe(first.tables);
    const grown = shareUnchanged(first, summary([table(1, 100, { complete: true }), table(2, 9)]));
    expect(grown.tables).not.toBe(first.tables);
    expect(grown.tables[0]).toBe(first.tables[0]);
    expect(grown.tables[1]!.rowCount).toBe(9);
  });

  it('takes new columns when a column changed, and new tables as they come', () => {
    const first = summary([table(1, 100)]);
    const retyped = table(1, 100);
    retyped.columns = [{ name: 'State', type: 'dynamic', wireType: 'dynamic' }];
    const next = shareUnchanged(first, summary([retyped, table(3, 1)]));
    expect(next.tables[0]!.columns).toEqual([
      { name: 'State', type: 'dynamic', wireType: 'dynamic' },
    ]);
    expect(next.tables[1]!.id).toBe(3);
  });
});
