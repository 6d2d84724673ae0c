/**
 * Grouping in the worker: 1,000,000 StormEvents-shaped rows (State, EventType, DamageProperty,
 * built straight into typed columns) grouped by State, as the grid's group bar asks the worker.
 * Baselines measured in the same run on the same table: a bare Map count over the column (the
 * floor for any grouping) and the grid's existing sort by State (work users already wait for).
 * The page's side is only the answer: one block of group rows, structured-cloned.
 */
import {
  DataSetBuilder,
  GroupedView,
  sortIndex,
  type ResultTable,
} from '../src/lib/result-model/index.ts';
import { printTable, ms, timeMedian } from './measure.ts';
import { EVENT_TYPES, STATES } from './storm-events-payload.ts';

function buildTable(rows: number): ResultTable {
  const builder = new DataSetBuilder('kusto-v2');
  builder.addTable({
    id: 1,
    name: 'StormEvents',
    kind: 'PrimaryResult',
    columns: [
      { name: 'State', wireType: 'string' },
      { name: 'EventType', wireType: 'string' },
      { name: 'DamageProperty', wireType: 'int' },
    ],
  });
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const batch = 50_000;
  for (let at = 0; at < rows; at += batch) {
    const block: unknown[][] = [];
    for (let i = at; i < Math.min(rows, at + batch); i++) {
      block.push([
        STATES[Math.floor(next() * STATES.length)],
        EVENT_TYPES[Math.floor(next() * EVENT_TYPES.length)],
        next() < 0.8 ? 0 : Math.floor(next() * 500) * 1000,
      ]);
    }
    builder.appendRows(1, block, { exactNumbers: false });
  }
  builder.completeTable(1);
  return builder.table(1)!;
}

export function runGroupBenchmark(rows = 1_000_000, iterations = 5): void {
  const table = buildTable(rows);
  console.log(
    `\n## Grouping ${rows.toLocaleString('en-US')} rows by State in the worker (median of ${iterations})`,
  );
  const state = table.data[0]!;
  const floor = timeMedian(iterations, () => {
    if (state.type !== 'string') throw new Error('State is not a string column');
    const counts = new Map<string | null, number>();
    for (let row = 0; row < table.rowCount; row++) {
      const key = state.values.get(row) ?? null;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  });
  const sort = timeMedian(iterations, () => sortIndex(table, [{ colId: 'State', sort: 'asc' }]));
  let groups = 0;
  const group = timeMedian(iterations, () => {
    const view = new GroupedView(table, null, ['State'], {});
    groups = view.groupCount;
    return view.block([], [], 0, 200);
  });
  const withAggregates = timeMedian(iterations, () =>
    new GroupedView(table, null, ['State'], { DamageProperty: 'sum', EventType: 'dcount' }).block(
      [{ colId: '__count', sort: 'desc' }],
      [],
      0,
      200,
    ),
  );
  const block = new GroupedView(table, null, ['State'], {}).block([], [], 0, 200);
  const pageSide = timeMedian(iterations, () => structuredClone(block));
  printTable(
    ['operation', 'median ms', 'vs Map count (floor)', 'vs sort by State'],
    [
      ['baseline: Map count over State', ms(floor), '1.00', (floor / sort).toFixed(2)],
      ['baseline: sort by State (grid today)', ms(sort), (sort / floor).toFixed(2), '1.00'],
      [
        `group by State (${groups} groups, first block)`,
        ms(group),
        (group / floor).toFixed(2),
        (group / sort).toFixed(2),
      ],
      [
        '… plus sum(DamageProperty), dcount(EventType), by count',
        ms(withAggregates),
        (withAggregates / floor).toFixed(2),
        (withAggregates / sort).toFixed(2),
      ],
      [
        'page side: structured clone of the group block',
        ms(pageSide),
        (pageSide / floor).toFixed(2),
        (pageSide / sort).toFixed(2),
      ],
    ],
  );
}
