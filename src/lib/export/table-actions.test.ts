import { describe, expect, it } from 'vitest';
import type { RowsRequest } from '../query/query-result-session';
import { copyTableTsv, readCopyRows } from './table-actions';
import { BoundedTsv, CLIPBOARD_CHAR_LIMIT, COPY_PART_ROWS } from './bounded-tsv';
import { CLIPBOARD_ROW_LIMIT } from './tsv-export';

function table(rowCount: number) {
  return {
    id: 1,
    name: 'PrimaryResult',
    rowCount,
    columns: [
      { name: 'State', type: 'string' },
      { name: 'Count', type: 'long' },
    ],
  };
}

function reader() {
  const asked: RowsRequest[] = [];
  const getRows = async (request: RowsRequest) => {
    asked.push(request);
    const rows = [];
    for (let i = request.start; i < request.end; i++)
      rows.push({ row: i, cells: [`S${i}`, `${i}`] });
    return { rows, rowCount: rows.length, tableRowCount: rows.length, tableComplete: true };
  };
  return { asked, getRows };
}

describe('copyTableTsv', () => {
  it('copies the table with its header and says how many rows', async () => {
    const { getRows, asked } = reader();
    let copied = '';
    const message = await copyTableTsv(table(2), getRows, {
      writeText: async (text) => void (copied = text),
    });
    expect(copied).toBe('State\tCount\r\nS0\t0\r\nS1\t1');
    expect(message).toBe('Copied 2 rows with the header.');
    expect(asked).toEqual([{ tableId: 1, start: 0, end: 2 }]);
  });

  it('reads at most CLIPBOARD_ROW_LIMIT rows, in parts, and says the rest is for Export CSV', async () => {
    const { getRows, asked } = reader();
    let copied = '';
    const message = await copyTableTsv(table(CLIPBOARD_ROW_LIMIT + 5), getRows, {
      writeText: async (text) => void (copied = text),
    });
    expect(asked).toHaveLength(CLIPBOARD_ROW_LIMIT / COPY_PART_ROWS);
    expect(asked.at(-1)!.end).toBe(CLIPBOARD_ROW_LIMIT);
    expect(asked.every((request) => request.end - request.start <= COPY_PART_ROWS)).toBe(true);
    expect(copied.split('\r\n')).toHaveLength(CLIPBOARD_ROW_LIMIT + 1);
    expect(message).toBe(
      'Copied the first 100,000 rows of 100,005 with the header (a copy stops at 100,000 rows or 5 million characters, so the page does not pause; use Export CSV for more).',
    );
  });

  it('stops reading at the character limit and copies only whole rows', async () => {
    const { getRows, asked } = reader();
    let copied = '';
    const wide = { ...table(200_000), columns: [{ name: 'Text', type: 'string' }] };
    const long = 'x'.repeat(1_000);
    const message = await copyTableTsv(
      wide,
      async (request) => {
        const block = await getRows(request);
        return { ...block, rows: block.rows.map((row) => ({ ...row, cells: [long] })) };
      },
      { writeText: async (text) => void (copied = text) },
    );
    const lines = copied.split('\r\n');
    expect(copied.length).toBeLessThanOrEqual(CLIPBOARD_CHAR_LIMIT);
    expect(lines[0]).toBe('Text');
    expect(lines.slice(1).every((line) => line === long)).toBe(true);
    // 1,002 characters a row: the limit holds 4,990 rows after the header, read in 3 parts.
    expect(lines).toHaveLength(4_990 + 1);
    expect(asked).toHaveLength(3);
    expect(message).toMatch(/^Copied the first 4,990 rows of 200,000 with the header \(/);
  });
});

describe('readCopyRows', () => {
  it('returns exactly the rows the TSV holds, reading no part after the limit', async () => {
    const { getRows, asked } = reader();
    // Header "State\tCount" (11) + rows "S0\t0".. of 4–10 characters + CRLF each.
    const tsv = new BoundedTsv(table(5_000).columns, { includeHeader: true, charLimit: 30_000 });
    const rows = await readCopyRows(table(5_000), getRows, tsv);
    expect(rows).toHaveLength(tsv.rows);
    expect(rows.at(-1)).toEqual([`S${tsv.rows - 1}`, `${tsv.rows - 1}`]);
    expect(tsv.rows).toBeGreaterThan(2_000);
    expect(tsv.rows).toBeLessThan(5_000);
    expect(asked.map((request) => request.start)).toEqual([0, 2_000]);
  });
});
