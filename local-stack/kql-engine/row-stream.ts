/**
 * Lazy tables: operators that look at one row at a time (where, take, project, extend, union,
 * mv-expand, serialize, ...) hand their rows on a batch at a time, so a result's first rows can
 * leave before its last are computed, and a reader that stops pulling (limit reached, client gone,
 * query cancelled) stops the evaluation too.
 *
 * A lazy table still has `rows` (computed on first read and kept), so operators that need all
 * their input (sort, summarize, join, ...) work unchanged. `stream` is not enumerable: spreading a
 * table (`{ ...input, rows }`) makes an ordinary table and never carries a stale stream along.
 */
import type { Table, Value } from './values';

/** Rows per batch handed between lazy operators. */
export const ROW_BATCH = 1024;

export type RowBatches = () => Iterable<Value[][]>;

type TableMeta = Omit<Table, 'rows'>;

/** `meta` may be another table: only its metadata is read (never its rows). */
export function lazyTable(meta: TableMeta, stream: RowBatches): Table {
  let materialized: Value[][] | undefined;
  const table = metaOf(meta, {}) as Table;
  Object.defineProperty(table, 'rows', {
    enumerable: true,
    configurable: true,
    get: () => (materialized ??= collectRows(stream)),
  });
  Object.defineProperty(table, 'stream', { enumerable: false, value: stream });
  return table;
}

/** The rows of a table batch by batch: its own stream when lazy, else slices of its rows. */
export function batchesOf(table: Table): Iterable<Value[][]> {
  const stream = (table as { stream?: RowBatches }).stream;
  if (stream) return stream();
  return sliceRows(table.rows);
}

export function isLazy(table: Table): boolean {
  return typeof (table as { stream?: RowBatches }).stream === 'function';
}

function* sliceRows(rows: Value[][]): Generator<Value[][]> {
  for (let from = 0; from < rows.length; from += ROW_BATCH) {
    yield from === 0 && rows.length <= ROW_BATCH ? rows : rows.slice(from, from + ROW_BATCH);
  }
}

function collectRows(stream: RowBatches): Value[][] {
  const rows: Value[][] = [];
  for (const batch of stream()) for (const row of batch) rows.push(row);
  return rows;
}

/** A table's metadata with some of it replaced (reads no rows). */
function metaOf(table: TableMeta, changes: Partial<TableMeta>): TableMeta {
  return {
    columns: table.columns,
    ...(table.visualization !== undefined ? { visualization: table.visualization } : {}),
    ...(table.sorted !== undefined ? { sorted: table.sorted } : {}),
    ...(table.name !== undefined ? { name: table.name } : {}),
    ...changes,
  };
}

/** The same rows under new metadata (columns, name, visualization), staying lazy if it was. */
export function withMeta(table: Table, changes: Partial<TableMeta>): Table {
  const meta = metaOf(table, changes);
  if (isLazy(table)) return lazyTable(meta, () => batchesOf(table));
  return { ...meta, rows: table.rows };
}

/** A row-by-row operator: each input batch mapped to an output batch (empty batches dropped). */
export function mapBatches(
  input: Table,
  meta: Partial<TableMeta>,
  transform: (batch: Value[][]) => Value[][],
): Table {
  return lazyTable(metaOf(input, meta), function* () {
    for (const batch of batchesOf(input)) {
      const out = transform(batch);
      if (out.length > 0) yield out;
    }
  });
}
