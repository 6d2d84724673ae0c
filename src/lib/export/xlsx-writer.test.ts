import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters, escapeXml, writeXlsx } from './xlsx-writer';

describe('writeXlsx', () => {
  it('writes typed cells that an independent reader (exceljs) reads back', async () => {
    const { blob, rowsWritten } = writeXlsx(
      [{ name: 'State' }, { name: 'Count' }, { name: 'When' }, { name: 'Ok' }, { name: '=Evil' }],
      [
        ['TEXAS <&> "x"', 4701, { epochMs: Date.UTC(2007, 8, 29, 8, 11, 0, 250) }, true, '=1+1'],
        [null, -2.5, null, false, 'plain\u0001text'],
      ],
      { sheetName: 'Storm/Events' },
    );
    expect(rowsWritten).toBe(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await blob.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Storm Events');
    expect(sheet.getRow(1).values).toEqual([undefined, 'State', 'Count', 'When', 'Ok', "'=Evil"]);
    expect(sheet.getCell('A2').value).toBe('TEXAS <&> "x"');
    expect(sheet.getCell('B2').value).toBe(4701);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('C2').value).toEqual(new Date(Date.UTC(2007, 8, 29, 8, 11, 0, 250)));
    expect(sheet.getCell('D2').value).toBe(true);
    expect(sheet.getCell('E2').value).toBe("'=1+1");
    expect(sheet.getCell('A3').value).toBeNull();
    expect(sheet.getCell('E3').value).toBe('plaintext');
  });

  it('names columns A…Z, AA… and escapes XML', () => {
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(escapeXml('a<b>&"\u0000')).toBe('a&lt;b&gt;&amp;&quot;');
  });
});
