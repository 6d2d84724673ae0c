import { describe, expect, it } from 'vitest';
import type { RowsRequest } from '../query/query-result-session';
import { copyTableTsv } from './table-actions';
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

  it('copies at most CLIPBOARD_ROW_LIMIT rows and says the rest is for Export CSV', async () => {
    const { getRows, asked } = reader();
    const message = await copyTableTsv(table(CLIPBOARD_ROW_LIMIT + 5), getRows, {
      writeText: async () => {},
    });
    expect(asked[0]!.end).toBe(CLIPBOARD_ROW_LIMIT);
    expect(message).toMatch(
      /^Copied the first [\d,]+ rows of [\d,]+ \(use Export CSV for all\)\.$/,
    );
  });
});
