import { aggregateRows, keyReader, type AggregateValue } from './aggregate';
import { readCellText } from './cell-access';
import {
  COUNT_COLUMN_ID,
  GROUP_COLUMN_ID,
  type AggregateFn,
  type GroupRowInfo,
} from './group-models';
import type { SortModelItem } from './grid-models';
import type { ResultTable } from './result-types';
import type { RowBlockRow } from './row-block';
import { identityIndex, sortIndex } from './sort-index';

interface GroupNode {
  id: string;
  depth: number;
  key: string | null;
  /** The group's rows (table positions), in the order of the rows they were taken from. */
  rows: Int32Array;
  children: GroupNode[] | null;
  /** Per table column: the aggregate shown in that column, or null when it has none. */
  aggregates: (AggregateValue | null)[];
  /** Leaf groups: rows sorted for `sortedKey`. */
  sortedRows: Int32Array | null;
  sortedKey: string;
}

/** A run of the flattened view: one group row, or `rows` of an expanded leaf group. */
interface Segment {
  start: number;
  node: GroupNode;
  rows: Int32Array | null;
}

/**
 * A table grouped by one or more columns (nested), for the grid: groups with their counts and
 * aggregates, which can be expanded down to their rows. Built once per grouping and filter;
 * sorting and expanding only reorder or re-flatten it. The grid reads it as a flat list of rows
 * (group rows and data rows), so AG Grid's community infinite row model can page through it.
 */
export class GroupedView {
  private readonly roots: GroupNode[];
  private readonly groupColumns: number[];
  private sortKey = '';
  private flatKey: string | null = null;
  private segments: Segment[] = [];
  private total = 0;

  constructor(
    private readonly table: ResultTable,
    baseRows: Int32Array | null,
    groupBy: readonly string[],
    aggregates: Readonly<Record<string, AggregateFn>>,
  ) {
    this.groupColumns = groupBy
      .map((name) => table.columns.findIndex((c) => c.name === name))
      .filter((index) => index >= 0);
    const aggregateFns = table.columns.map((c) => aggregates[c.name] ?? null);
    this.roots = this.buildLevel(baseRows ?? identityIndex(table.rowCount), 0, [], aggregateFns);
    this.sortGroups(this.roots, []);
  }

  /** Top-level groups. */
  get groupCount(): number {
    return this.roots.length;
  }

  /** Rows `start…end-1` of the flattened view and its length. */
  block(
    sortModel: readonly SortModelItem[],
    expanded: readonly string[],
    start: number,
    end: number,
  ): { rows: RowBlockRow[]; rowCount: number } {
    const sortKey = JSON.stringify(sortModel);
    if (sortKey !== this.sortKey) {
      this.sortKey = sortKey;
      this.sortGroups(this.roots, sortModel);
    }
    const flatKey = `${sortKey}|${[...expanded].sort().join('\u0001')}`;
    if (flatKey !== this.flatKey) {
      this.flatKey = flatKey;
      this.flatten(new Set(expanded), sortModel);
    }
    const rows: RowBlockRow[] = [];
    const to = Math.min(this.total, Math.floor(end));
    let i = Math.max(0, Math.floor(start));
    let s = this.segmentAt(i);
    const expandedSet = new Set(expanded);
    while (i < to && s < this.segments.length) {
      const segment = this.segments[s] as Segment;
      if (segment.rows === null) {
        rows.push(this.groupRow(segment.node, expandedSet.has(segment.node.id)));
        i++;
        s++;
        continue;
      }
      const offset = i - segment.start;
      const take = Math.min(segment.rows.length - offset, to - i);
      for (let k = 0; k < take; k++) rows.push(this.dataRow(segment.rows[offset + k] as number));
      i += take;
      s++;
    }
    return { rows, rowCount: this.total };
  }

  private buildLevel(
    rows: Int32Array,
    depth: number,
    path: (string | null)[],
    aggregateFns: (AggregateFn | null)[],
  ): GroupNode[] {
    const col = this.groupColumns[depth];
    if (col === undefined) return [];
    const key = keyReader(this.table.data[col]!);
    const { keys, groups } = partition(rows, key);
    const last = depth === this.groupColumns.length - 1;
    return keys.map((k, g) => {
      const groupRows = groups[g] as Int32Array;
      const keyPath = [...path, k];
      return {
        id: JSON.stringify(keyPath),
        depth,
        key: k,
        rows: groupRows,
        children: last ? null : this.buildLevel(groupRows, depth + 1, keyPath, aggregateFns),
        aggregates: aggregateFns.map((fn, c) =>
          fn === null ? null : aggregateRows(this.table.data[c]!, fn, groupRows),
        ),
        sortedRows: null,
        sortedKey: '',
      };
    });
  }

  /**
   * Groups order by the first sort item that speaks about groups: the group column (their keys,
   * typed), the count column, a column with an aggregate, or the level's own group column. By
   * default, by key ascending.
   */
  private sortGroups(nodes: GroupNode[], sortModel: readonly SortModelItem[]): void {
    if (nodes.length === 0) return;
    const depth = (nodes[0] as GroupNode).depth;
    const col = this.groupColumns[depth] as number;
    const colName = this.table.columns[col]?.name;
    const item = sortModel.find((s) => {
      if (s.colId === GROUP_COLUMN_ID || s.colId === COUNT_COLUMN_ID || s.colId === colName)
        return true;
      const index = this.table.columns.findIndex((c) => c.name === s.colId);
      return index >= 0 && nodes[0]?.aggregates[index] != null;
    });
    const sign = item?.sort === 'desc' ? -1 : 1;
    if (!item || item.colId === GROUP_COLUMN_ID || item.colId === colName) {
      // Typed key order through the table's own comparators, on one row per group.
      const firsts = Int32Array.from(nodes, (n) => n.rows[0] as number);
      const order = sortIndex(
        this.table,
        [{ colId: colName ?? '', sort: sign < 0 ? 'desc' : 'asc' }],
        firsts,
      );
      const byFirst = new Map(nodes.map((n) => [n.rows[0] as number, n]));
      const sorted = Array.from(order, (row) => byFirst.get(row) as GroupNode);
      nodes.splice(0, nodes.length, ...sorted);
    } else if (item.colId === COUNT_COLUMN_ID) {
      nodes.sort((a, b) => sign * (a.rows.length - b.rows.length));
    } else {
      const index = this.table.columns.findIndex((c) => c.name === item.colId);
      nodes.sort(
        (a, b) => sign * compareValues(a.aggregates[index]?.value, b.aggregates[index]?.value),
      );
    }
    for (const node of nodes) if (node.children) this.sortGroups(node.children, sortModel);
  }

  private flatten(expanded: ReadonlySet<string>, sortModel: readonly SortModelItem[]): void {
    const segments: Segment[] = [];
    let at = 0;
    const rowSort = sortModel.filter((s) => this.table.columns.some((c) => c.name === s.colId));
    const rowSortKey = JSON.stringify(rowSort);
    const walk = (nodes: GroupNode[]) => {
      for (const node of nodes) {
        segments.push({ start: at++, node, rows: null });
        if (!expanded.has(node.id)) continue;
        if (node.children) {
          walk(node.children);
          continue;
        }
        if (node.sortedKey !== rowSortKey || node.sortedRows === null) {
          node.sortedRows =
            rowSort.length > 0 ? sortIndex(this.table, rowSort, node.rows) : node.rows;
          node.sortedKey = rowSortKey;
        }
        segments.push({ start: at, node, rows: node.sortedRows });
        at += node.sortedRows.length;
      }
    };
    walk(this.roots);
    this.segments = segments;
    this.total = at;
  }

  private segmentAt(position: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.segments[mid] as Segment).start <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private groupRow(node: GroupNode, expanded: boolean): RowBlockRow {
    const col = this.groupColumns[node.depth] as number;
    const group: GroupRowInfo = {
      id: node.id,
      depth: node.depth,
      column: this.table.columns[col]?.name ?? '',
      key: node.key,
      count: node.rows.length,
      expanded,
      leaf: node.children === null,
    };
    return { row: -1, cells: node.aggregates.map((a) => a?.text ?? null), group };
  }

  private dataRow(row: number): RowBlockRow {
    const cells = new Array<string | null>(this.table.data.length);
    for (let c = 0; c < this.table.data.length; c++)
      cells[c] = readCellText(this.table.data[c]!, row);
    return { row, cells };
  }
}

/** Splits rows by key, keeping first-seen key order and each group's rows in their order. */
function partition(
  rows: Int32Array,
  key: (row: number) => string | null,
): { keys: (string | null)[]; groups: Int32Array[] } {
  const ids = new Int32Array(rows.length);
  const index = new Map<string | null, number>();
  const keys: (string | null)[] = [];
  const counts: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const k = key(rows[i] as number);
    let g = index.get(k);
    if (g === undefined) {
      g = keys.length;
      index.set(k, g);
      keys.push(k);
      counts.push(0);
    }
    ids[i] = g;
    counts[g]!++;
  }
  const offsets = new Int32Array(keys.length + 1);
  for (let g = 0; g < keys.length; g++)
    offsets[g + 1] = (offsets[g] as number) + (counts[g] as number);
  const fill = offsets.slice(0, keys.length);
  const buffer = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const g = ids[i] as number;
    buffer[fill[g]!++] = rows[i] as number;
  }
  return {
    keys,
    groups: keys.map((_, g) => buffer.subarray(offsets[g] as number, offsets[g + 1] as number)),
  };
}

/** Nulls first, numbers before text, then natural order. */
function compareValues(
  a: number | string | null | undefined,
  b: number | string | null | undefined,
): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? -1 : 1;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
