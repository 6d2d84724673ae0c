import { describe, expect, it } from 'vitest';
import { toCsv } from '../export/csv-export';
import { loadedStormEvents } from './test-support/loaded-storm-events';

// ignoreBOM: keep the BOM in the text, so the test sees it.
const text = async (blob: Blob) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());

describe('the CSV job (the file written where the rows are)', () => {
  it('writes the bytes the page wrote from the same rows: BOM, header, every row in order', async () => {
    const session = await loadedStormEvents();
    const table = session.latest()!.tables.find((t) => t.id === 1)!;
    const { rows } = await session.getRows({ tableId: 1, start: 0, end: table.rowCount });
    const expected = await toCsv(
      table.columns.map((c) => ({ name: c.name, type: c.type })),
      rows.map((r) => r.cells),
    );

    const blob = await session.runJob({ kind: 'csv', tableId: 1 });

    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(
      new Uint8Array(await expected.arrayBuffer()),
    );
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const lines = (await text(blob)).split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${table.columns.map((c) => c.name).join(',')}`);
    expect(lines.filter(Boolean)).toHaveLength(table.rowCount + 1);
  });

  it('fails for a table the result does not have', async () => {
    const session = await loadedStormEvents();
    await expect(session.runJob({ kind: 'csv', tableId: 99 })).rejects.toThrow(/no table 99/);
  });
});
