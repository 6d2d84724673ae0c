import { describe, expect, it } from 'vitest';
import { ChunkedValues } from './chunked-values';

describe('ChunkedValues', () => {
  it('reads back every cell written across chunk boundaries', () => {
    const values = new ChunkedValues<string | null>();
    const rows = 20_000; // three chunks of 8,192, the last part full
    for (let row = 0; row < rows; row++) values.set(row, row % 7 === 0 ? null : `v${row}`);
    for (const row of [0, 1, 8_191, 8_192, 8_193, 16_383, 16_384, rows - 1])
      expect(values.get(row)).toBe(row % 7 === 0 ? null : `v${row}`);
    expect(values.get(rows)).toBeUndefined();
    expect(values.get(10 * rows)).toBeUndefined();
    const array = values.toArray(rows);
    expect(array).toHaveLength(rows);
    expect(array[8_192]).toBe('v8192');
    expect(array.every((v, row) => v === (row % 7 === 0 ? null : `v${row}`))).toBe(true);
  });

  it('writes a row past unwritten chunks, which read as undefined', () => {
    const values = new ChunkedValues<number>();
    values.set(30_000, 1);
    expect(values.get(30_000)).toBe(1);
    expect(values.get(0)).toBeUndefined();
    expect(values.get(29_999)).toBeUndefined();
  });

  it('round-trips through a plain array, and forgets everything on clear', () => {
    const plain = Array.from({ length: 9_000 }, (_, i) => ({ n: i }));
    const values = ChunkedValues.from(plain);
    expect(values.toArray(plain.length)).toEqual(plain);
    expect(values.get(8_999)).toBe(plain[8_999]);
    expect(ChunkedValues.from(plain, 10).toArray(11)).toEqual([...plain.slice(0, 10), undefined]);
    values.clear();
    expect(values.get(0)).toBeUndefined();
    expect(values.toArray(2)).toEqual([undefined, undefined]);
  });
});
