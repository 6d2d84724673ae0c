import { afterEach, describe, expect, it } from 'vitest';
import { readCell } from './cell-access';
import { DataSetBuilder } from './dataset-builder';
import type { IntColumnData, RealColumnData } from './column-data';

/**
 * Columns grow while rows stream in and are cut to their row count at the end. These tests read
 * every value back across the growth steps (64, 128, … rows) in batches that straddle them, with
 * nulls, strings, longs, datetimes and dynamic values, and check that the old arrays' memory is
 * given back where the browser can move a buffer's contents (`ArrayBuffer.prototype.transfer`).
 */

type Transfer = (this: ArrayBuffer, newByteLength: number) => ArrayBuffer;
const proto = ArrayBuffer.prototype as ArrayBuffer & { transfer?: Transfer };
const nativeTransfer = proto.transfer;

/** `transfer` as ES2024 defines it, for runtimes without it (Node 20): detach, then copy. */
const transferForTests: Transfer = function (this: ArrayBuffer, newByteLength: number) {
  const moved = structuredClone(this, { transfer: [this] });
  const next = new ArrayBuffer(newByteLength);
  new Uint8Array(next).set(new Uint8Array(moved, 0, Math.min(newByteLength, moved.byteLength)));
  return next;
};

afterEach(() => {
  if (nativeTransfer) proto.transfer = nativeTransfer;
  else delete proto.transfer;
});

const ROWS = 5_000;
const BATCH = 333; // batches straddle every doubling step

function expectedRow(i: number): unknown[] {
  return [
    i % 7 === 3 ? null : i, // int
    i % 5 === 1 ? null : i * 0.5, // real
    i % 11 === 4 ? null : i === 4_000 ? '\u00009007199254740993' : i * 1_000, // long
    i % 13 === 6 ? null : new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), // datetime
    i % 3 === 0 ? null : `text ${i % 50}`, // string (dictionary)
    i % 4 === 2 ? null : i % 2 === 0, // bool
    i % 9 === 5 ? null : { n: i, tags: [`t${i % 4}`] }, // dynamic
  ];
}

function loadTable(): { builder: DataSetBuilder; tableId: number } {
  const builder = new DataSetBuilder('kusto-v2');
  builder.addTable({
    id: 1,
    name: 'PrimaryResult',
    kind: 'PrimaryResult',
    columns: ['int', 'real', 'long', 'datetime', 'string', 'bool', 'dynamic'].map((t) => ({
      name: t,
      wireType: t,
    })),
  });
  for (let start = 0; start < ROWS; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(ROWS, start + BATCH); i++) rows.push(expectedRow(i));
    builder.appendRows(1, rows, { exactNumbers: true });
  }
  return { builder, tableId: 1 };
}

function expectValuesReadBack(builder: DataSetBuilder): void {
  const table = builder.table(1)!;
  expect(table.rowCount).toBe(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const [int, real, long, datetime, text, bool, dynamic] = expectedRow(i);
    const cells = table.data.map((column) => readCell(column, i));
    expect(cells[0]).toBe(int);
    expect(cells[1]).toBe(real);
    expect(cells[2]).toBe(i === 4_000 ? 9007199254740993n : long);
    if (datetime === null) expect(cells[3]).toBeNull();
    else expect(cells[3]).toMatchObject({ epochMs: Date.parse(datetime as string) });
    expect(cells[4]).toBe(text);
    expect(cells[5]).toBe(bool);
    expect(cells[6]).toEqual(dynamic);
  }
}

describe('column growth', () => {
  for (const mode of ['moving buffers (transfer)', 'copying (no transfer)'] as const) {
    it(`reads every value back across growth steps and after the cut, ${mode}`, () => {
      if (mode.startsWith('moving')) proto.transfer = nativeTransfer ?? transferForTests;
      else delete proto.transfer;
      const { builder } = loadTable();
      expectValuesReadBack(builder);
      builder.finish();
      expectValuesReadBack(builder);
      const table = builder.table(1)!;
      const int = table.data[0] as IntColumnData;
      expect(int.values.length).toBe(ROWS);
      expect(int.nulls?.length).toBe(Math.ceil(ROWS / 8));
      expect((table.data[3] as { epochMs: Float64Array }).epochMs.length).toBe(ROWS);
    });
  }

  it('gives an outgrown array back at once when buffers can be moved', () => {
    proto.transfer = nativeTransfer ?? transferForTests;
    const builder = new DataSetBuilder('kusto-v2');
    builder.addTable({
      id: 1,
      name: 't',
      kind: 'PrimaryResult',
      columns: [{ name: 'x', wireType: 'real' }],
    });
    builder.appendRows(1, [[1.5]]);
    const column = builder.table(1)!.data[0] as RealColumnData;
    const first = column.values;
    builder.appendRows(
      1,
      Array.from({ length: 100 }, (_, i) => [i]),
    );
    // The old array is detached (its memory freed now, not at the next GC); the column's is new.
    expect(first.byteLength).toBe(0);
    expect(column.values[0]).toBe(1.5);
    expect(column.values[100]).toBe(99);
    const grown = column.values;
    builder.finish();
    expect(grown.byteLength).toBe(0);
    expect(column.values.length).toBe(101);
  });
});
