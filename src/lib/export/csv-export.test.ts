import { describe, expect, it } from 'vitest';
import { csvChunks, toCsv } from './csv-export';
import type { ExportColumn, ExportRow } from './export-types';
import { rowsFromBlocks } from './row-blocks';

const columns: ExportColumn[] = [
  { name: 'State', type: 'string' },
  { name: 'Count', type: 'long' },
  { name: 'Ratio', type: 'real' },
  { name: 'Props', type: 'dynamic' },
];

async function csvText(cols: readonly ExportColumn[], rows: Iterable<ExportRow>): Promise<string> {
  const bytes = new Uint8Array(await (await toCsv(cols, rows)).arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
}

describe('toCsv', () => {
  it('writes a BOM, a header row and CRLF-terminated records', async () => {
    const blob = await toCsv(columns, [['TEXAS', 4701, 0.5, null]]);
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await csvText(columns, [['TEXAS', 4701, 0.5, null]])).toBe(
      'State,Count,Ratio,Props\r\nTEXAS,4701,0.5,\r\n',
    );
  });

  it('quotes fields with quotes, commas, CR and LF, doubling quotes', async () => {
    const rows: ExportRow[] = [
      ['say "hi"', 1, 1, null],
      ['a,b', 2, 2, null],
      ['line1\nline2', 3, 3, null],
      ['cr\rhere', 4, 4, null],
      ['"', 5, 5, null],
    ];
    expect(await csvText(columns, rows)).toBe(
      'State,Count,Ratio,Props\r\n' +
        '"say ""hi""",1,1,\r\n' +
        '"a,b",2,2,\r\n' +
        '"line1\nline2",3,3,\r\n' +
        '"cr\rhere",4,4,\r\n' +
        '"""",5,5,\r\n',
    );
  });

  it('keeps unicode as UTF-8 and tells null from an empty string only by absence', async () => {
    const text = await csvText(
      [{ name: 'Größe ✓', type: 'string' }],
      [['日本語 😀'], [null], [''], [undefined]],
    );
    expect(text).toBe('Größe ✓\r\n日本語 😀\r\n\r\n\r\n\r\n');
  });

  it('neutralises formula-like text cells but leaves negative numbers in numeric columns', async () => {
    const rows: ExportRow[] = [
      ['=HYPERLINK("http://evil","x")', -5, -0.25, '-1'],
      ['+1+1', '-42', '-1.5e-7', '@SUM(A1)'],
      ['-2', '=1+1', '-Infinity', null],
      ['\tcmd', 7, 8, null],
      ['\rcmd', 7, 8, null],
      ['safe = text', 0, 0, null],
    ];
    expect(await csvText(columns, rows)).toBe(
      'State,Count,Ratio,Props\r\n' +
        `"'=HYPERLINK(""http://evil"",""x"")",-5,-0.25,'-1\r\n` +
        "'+1+1,-42,-1.5e-7,'@SUM(A1)\r\n" +
        "'-2,'=1+1,'-Infinity,\r\n" +
        "'\tcmd,7,8,\r\n" +
        `"'\rcmd",7,8,\r\n` +
        'safe = text,0,0,\r\n',
    );
  });

  it('neutralises a formula after leading LF/CR/TAB and the full-width ＝ ＋ － ＠ (OWASP)', async () => {
    const cols = [{ name: 'v', type: 'string' }];
    const risky = [
      '\n=1+1',
      '\r\n@SUM(A1)',
      '\t\n+cmd',
      '＝HYPERLINK(A1)',
      '＋1',
      '－1',
      '＠A1',
      '\n＝1',
    ];
    for (const cell of risky) {
      const body = (await csvText(cols, [[cell]])).slice('v\r\n'.length);
      // Quoted when it holds a line break; either way the apostrophe comes first.
      expect(body.replace(/^"/, '').startsWith(`'${cell}`)).toBe(true);
    }
    // A line break followed by plain text is not a formula and stays as it is.
    expect(await csvText(cols, [['\nplain'], ['a\n=b']])).toBe('v\r\n"\nplain"\r\n"a\n=b"\r\n');
  });

  it('neutralises header cells and can be told not to neutralise at all', async () => {
    const cols = [{ name: '=evil', type: 'string' }];
    expect(await csvText(cols, [['=x']])).toBe("'=evil\r\n'=x\r\n");
    const plain = await toCsv(cols, [['=x']], { neutraliseFormulas: false });
    expect(new TextDecoder().decode(await plain.arrayBuffer())).toBe('=evil\r\n=x\r\n');
  });

  it('writes bigint, boolean, Date and dynamic objects as text', async () => {
    const cols = [{ name: 'v' }];
    const text = await csvText(cols, [
      [12345678901234567890n],
      [true],
      [new Date(Date.UTC(2024, 0, 2, 3, 4, 5))],
      [{ a: [1, 'x,y'], big: 9007199254740993n }],
    ]);
    expect(text).toBe(
      'v\r\n12345678901234567890\r\ntrue\r\n2024-01-02T03:04:05.000Z\r\n' +
        '"{""a"":[1,""x,y""],""big"":""9007199254740993""}"\r\n',
    );
  });

  it('streams a 500k-row async source in many bounded chunks', async () => {
    const total = 500_000;
    async function* rows(): AsyncGenerator<ExportRow> {
      for (let i = 0; i < total; i++) yield [`row ${i}`, i, i / 2, null];
    }
    const progress: number[] = [];
    let chunks = 0;
    let longest = 0;
    let length = 0;
    for await (const chunk of csvChunks(columns, rows(), {
      chunkChars: 64 * 1024,
      onProgress: (n) => progress.push(n),
    })) {
      chunks++;
      longest = Math.max(longest, chunk.length);
      length += chunk.length;
    }
    expect(chunks).toBeGreaterThan(100);
    expect(longest).toBeLessThan(64 * 1024 + 100);
    expect(progress.at(-1)).toBe(total);
    const blob = await toCsv(columns, rows());
    expect(blob.size).toBe(length + 3);
    // Built from several Blob parts (every 4 MB): the bytes stay in order, BOM first.
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text.endsWith(`row ${total - 1},${total - 1},${(total - 1) / 2},\r\n`)).toBe(true);
    expect(text.split('\r\n')[250_001]).toBe('row 250000,250000,125000,');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    function* rows(): Generator<ExportRow> {
      for (let i = 0; ; i++) {
        if (i === 10) controller.abort();
        yield [String(i), i, i, null];
      }
    }
    await expect(toCsv(columns, rows(), { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('rowsFromBlocks', () => {
  it('walks blocks until a short block or the known total', async () => {
    const data = Array.from({ length: 23 }, (_, i) => [i] as ExportRow);
    const requests: [number, number][] = [];
    const fetchBlock = (start: number, end: number) => {
      requests.push([start, end]);
      return Promise.resolve(data.slice(start, end));
    };
    const all: ExportRow[] = [];
    for await (const row of rowsFromBlocks(fetchBlock, { blockSize: 10 })) all.push(row);
    expect(all).toEqual(data);
    expect(requests).toEqual([
      [0, 10],
      [10, 20],
      [20, 30],
    ]);

    requests.length = 0;
    const some: ExportRow[] = [];
    for await (const row of rowsFromBlocks(fetchBlock, { blockSize: 10, total: 20 }))
      some.push(row);
    expect(some).toHaveLength(20);
    expect(requests).toEqual([
      [0, 10],
      [10, 20],
    ]);
  });
});
