import { describe, expect, it } from 'vitest';
import {
  getCell,
  getCellText,
  isNullCell,
  type DataSet,
  type KustoDateTime,
  type ResultTable,
} from '../result-model';
import { ResponseFormatError } from '../query/response-format-error';
import { V2FrameParser, type V2ParserOptions } from './parse-v2-frames';
import { fixedChunks, fixture, randomChunks, snapshot, v2Fixtures } from './test-support/fixtures';

const encoder = new TextEncoder();

function parseChunks(chunks: Uint8Array[], options?: V2ParserOptions): DataSet {
  const parser = new V2FrameParser(undefined, {}, options);
  for (const chunk of chunks) parser.feed(chunk);
  return parser.end();
}

/** A complete body in one piece. */
function parseV2Bytes(bytes: Uint8Array, options?: V2ParserOptions): DataSet {
  return parseChunks([bytes], options);
}

function v2(name: string): DataSet {
  return parseV2Bytes(fixture(v2Fixtures, name));
}

function table(dataSet: DataSet, id: number): ResultTable {
  const found = dataSet.tables.find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

function column(t: ResultTable, name: string): number {
  const index = t.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`no column ${name}`);
  return index;
}

function frames(...list: unknown[]): string {
  return `[${list.map((f) => (typeof f === 'string' ? f : JSON.stringify(f))).join('\n,')}\n]`;
}

const header = { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0' };
const completion = { FrameType: 'DataSetCompletion', HasErrors: false, Cancelled: false };

describe('parse-v2-frames: every recorded fixture', () => {
  it('covers all 12 v2 fixtures', () => {
    expect(v2Fixtures.size).toBe(12);
  });

  for (const [name, bytes] of v2Fixtures) {
    it(`${name}: 1-byte, random and 64 KiB chunks give the same DataSet as one feed`, () => {
      const whole = snapshot(parseV2Bytes(bytes));
      expect(snapshot(parseChunks(fixedChunks(bytes, 1)))).toEqual(whole);
      for (let seed = 1; seed <= 5; seed++) {
        expect(snapshot(parseChunks(randomChunks(bytes, seed, 97)))).toEqual(whole);
      }
      expect(snapshot(parseChunks([bytes], { batchBytes: 1, eagerRows: 0 }))).toEqual(whole);
      expect(snapshot(parseChunks(randomChunks(bytes, 9, 13), { batchBytes: 40 }))).toEqual(whole);
    });
  }
});

describe('parse-v2-frames: concrete values', () => {
  it('node-v2: types, nulls, exact datetime text, visualization and stats', () => {
    const ds = v2('node-v2.json');
    expect(ds.complete).toBe(true);
    expect(ds.tables.map((t) => [t.id, t.kind, t.name])).toEqual([
      [0, 'QueryProperties', '@ExtendedProperties'],
      [1, 'PrimaryResult', 'temp'],
      [2, 'QueryCompletionInformation', 'QueryCompletionInformation'],
    ]);
    const t = table(ds, 1);
    expect(t.columns.map((c) => c.type)).toEqual([
      'datetime',
      'string',
      'long',
      'real',
      'bool',
      'timespan',
    ]);
    expect(t.rowCount).toBe(3);
    expect(getCell(t, 0, 0)).toEqual({ epochMs: Date.UTC(2016, 5, 6, 15, 35), subMsTicks: null });
    expect(getCellText(t, 0, 0)).toBe('2016-06-06T15:35:00.000Z');
    expect(getCell(t, 0, 2)).toBe(101);
    expect(getCell(t, 0, 3)).toBe(3.14);
    expect(getCell(t, 0, 4)).toBe(false);
    expect(getCell(t, 1, 4)).toBe(true);
    expect(getCell(t, 0, 5)).toBe('1.01:02:03.004');
    // Row 2: every type null except the string, which is empty (Kusto strings are never null).
    expect([0, 2, 3, 4, 5].map((c) => getCell(t, 2, c))).toEqual([null, null, null, null, null]);
    expect(getCell(t, 2, 1)).toBe('');
    expect(isNullCell(t, 2, 1)).toBe(false);
    expect(isNullCell(t, 2, 2)).toBe(true);
    expect(ds.visualizations[1]?.visualization).toBeNull();
    expect(ds.visualizations[1]?.accumulate).toBe(false);
    expect(ds.stats?.executionTimeSec).toBe(0.0156222);
    expect(ds.stats?.memoryPeakPerNode).toBe(16777312);
    expect(ds.stats?.resultDataset).toEqual([{ rowCount: 3, size: 191 }]);
    expect(ds.issues).toEqual([]);
    expect(ds.completion).toEqual({ hasErrors: false, cancelled: false });
  });

  it('node-v2error: a QueryCompletionInformation row at Level 1 becomes an error issue', () => {
    const ds = v2('node-v2error.json');
    expect(ds.issues).toHaveLength(1);
    expect(ds.issues[0]).toMatchObject({ severity: 'error', source: 'completion-information' });
    expect(ds.completion?.hasErrors).toBe(false);
  });

  it('go-validFrames: fragmented table, exact long and decimal, 7-digit datetime, dynamic object', () => {
    const ds = v2('go-validFrames.json');
    expect(ds.header).toEqual({
      version: 'v2.0',
      progressive: false,
      fragmented: true,
      errorReportingPlacement: 'EndOfTable',
    });
    const t = table(ds, 1);
    expect(t.name).toBe('AllDataTypes');
    expect(t.complete).toBe(true);
    expect(t.reportedRowCount).toBe(2);
    expect(getCell(t, 0, column(t, 'vlong'))).toBe(9223372036854775807n);
    expect(getCellText(t, 0, column(t, 'vlong'))).toBe('9223372036854775807');
    expect(getCell(t, 0, column(t, 'vdec'))).toBe('2.00000000000001');
    expect(getCellText(t, 0, column(t, 'vdate'))).toBe('2020-03-04T14:05:01.3109965Z');
    const date = getCell(t, 0, column(t, 'vdate')) as KustoDateTime;
    expect(date.epochMs).toBe(Date.UTC(2020, 2, 4, 14, 5, 1, 310));
    expect(date.subMsTicks).toBe(9965);
    expect(getCell(t, 0, column(t, 'vobj'))).toEqual({ moshe: 'value' });
    expect(getCellText(t, 0, column(t, 'vobj'))).toBe('{"moshe":"value"}');
    expect(getCell(t, 0, column(t, 'vspan'))).toBe('01:23:45.6789000');
    expect(getCell(t, 0, column(t, 'vguid'))).toBe('123e27de-1e4e-49d9-b579-fe0b331d3642');
    expect(getCell(t, 0, column(t, 'vreal'))).toBe(0.01);
    for (const name of [
      'vnum',
      'vdec',
      'vdate',
      'vspan',
      'vobj',
      'vb',
      'vreal',
      'vlong',
      'vguid',
    ]) {
      expect(getCell(t, 1, column(t, name))).toBeNull();
    }
    expect(getCell(t, 1, column(t, 'vstr'))).toBe('');
  });

  it('go-partialError: TableCompletion and DataSetCompletion errors report one truncation issue; rows stay', () => {
    const ds = v2('go-partialError.json');
    expect(table(ds, 1).rowCount).toBe(1);
    expect(getCell(table(ds, 1), 0, 0)).toBe(1);
    expect(ds.completion).toEqual({ hasErrors: true, cancelled: false });
    expect(ds.issues).toHaveLength(1);
    expect(ds.issues[0]).toMatchObject({
      severity: 'error',
      source: 'table-completion',
      code: 'LimitsExceeded',
      tableId: 1,
      permanent: false,
      activityId: '123e27de-1e4e-49d9-b579-fe0b331d3642',
      clientRequestId: 'blab6',
    });
    expect(ds.issues[0]?.message).toMatch(/E_QUERY_RESULT_SET_TOO_LARGE/);
  });

  it('go-twoTables: two primary results from several fragments each, with their own visualization rows', () => {
    const ds = v2('go-twoTables.json');
    const primaries = ds.tables.filter((t) => t.kind === 'PrimaryResult');
    expect(primaries.map((t) => t.id)).toEqual([1, 2]);
    expect(Array.from({ length: 3 }, (_, r) => getCell(table(ds, 1), r, 0))).toEqual([1, 2, 3]);
    expect(Array.from({ length: 3 }, (_, r) => getCellText(table(ds, 2), r, 0))).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(Object.keys(ds.visualizations)).toEqual(['1', '2']);
    expect(ds.visualizations[2]?.yMin).toBeNull(); // "NaN" in the JSON
    expect(ds.stats?.workloadGroup).toBe('default');
    expect(ds.stats?.inputDataset).toEqual({
      extentsTotal: 0,
      extentsScanned: 0,
      rowsTotal: 0,
      rowsScanned: 0,
    });
    expect(ds.stats?.cpu).toEqual({ user: '00:00:00', kernel: '00:00:00', total: '00:00:00' });
  });

  it('python-partial-results-haserrors: an error object inside Rows keeps the 5 rows before it', () => {
    const ds = v2('python-partial-results-haserrors.json');
    const t = table(ds, 1);
    expect(t.rowCount).toBe(5);
    expect(Array.from({ length: 5 }, (_, r) => getCell(t, r, 0))).toEqual([1, 2, 3, 4, 5]);
    expect(ds.completion?.hasErrors).toBe(true);
    expect(ds.issues).toHaveLength(1); // same error in data and at completion
    expect(ds.issues[0]).toMatchObject({ source: 'in-data', code: 'LimitsExceeded', tableId: 1 });
  });

  it('python-progressive_result: progressive header, progress value, StormEvents row with dynamic', () => {
    const ds = v2('python-progressive_result.json');
    expect(ds.header?.progressive).toBe(true);
    const t = table(ds, 1);
    expect(t.rowCount).toBe(5);
    expect(t.progress).toBe(0);
    expect(t.reportedRowCount).toBe(5);
    expect(getCell(t, 0, column(t, 'State'))).toBe('NORTH CAROLINA');
    expect(getCell(t, 0, column(t, 'BeginLat'))).toBe(35.52);
    expect(getCell(t, 1, column(t, 'BeginLat'))).toBeNull();
    expect(getCell(t, 3, column(t, 'DamageProperty'))).toBe(2000);
    expect(getCell(t, 3, column(t, 'StormSummary'))).toEqual({
      TotalDamages: 2000,
      StartTime: '2007-01-01T00:00:00.0000000Z',
      EndTime: '2007-01-01T06:00:00.0000000Z',
      Details: { Description: '', Location: 'NEW YORK' },
    });
    expect(ds.stats?.inputDataset?.rowsTotal).toBe(59066);
  });

  it('python-dataframe: type aliases, NaN/Infinity reals, timespan ticks, extreme dates, unknown types', () => {
    const ds = v2('python-dataframe.json');
    const t = table(ds, 1);
    expect(t.columns.map((c) => `${c.name}:${c.type}:${c.wireType}`)).toContain(
      'RecordDouble:real:double',
    );
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toContain('MissingType:string');
    const real = column(t, 'RecordReal');
    expect(getCell(t, 1, real)).toBeNaN();
    expect(getCellText(t, 1, real)).toBe('NaN');
    expect(getCell(t, 2, real)).toBe(Infinity);
    expect(getCell(t, 3, real)).toBe(-Infinity);
    expect(getCellText(t, 3, real)).toBe('-Infinity');
    expect(getCell(t, 0, column(t, 'RecordDecimal'))).toBe('1.2');
    expect(getCell(t, 1, column(t, 'RecordDecimal'))).toBe('NaN');
    expect(getCellText(t, 1, column(t, 'RecordTime'))).toBe('0000-01-01T00:00:00.000Z');
    expect(getCellText(t, 2, column(t, 'RecordTime'))).toBe('9999-12-31T23:59:59.000Z');
    expect(getCell(t, 5, column(t, 'RecordOffset'))).toBe('00:01:00'); // 600000000 ticks
    expect(getCell(t, 6, column(t, 'RecordOffset'))).toBe('1.01:01:01.0');
    expect(getCell(t, 0, column(t, 'RecordLong'))).toBe(92233720368);
    // The last recorded row is shorter than the columns: missing cells read as null.
    const last = t.rowCount - 1;
    expect(getCell(t, last, column(t, 'RecordName'))).toBeNull();
    expect(getCell(t, last, column(t, 'RecordTime'))).toBe('');
    expect(getCell(t, last, column(t, 'RecordLong'))).toBeNull();
  });

  it('python-deft: 100 ns datetimes, negative timespans, null vs empty string, dynamic', () => {
    const ds = v2('python-deft.json');
    const t = table(ds, 1);
    expect(t.rowCount).toBe(11);
    expect(getCell(t, 0, column(t, 'xint32'))).toBeNull();
    expect(getCell(t, 0, column(t, 'rowguid'))).toBe('');
    expect(getCellText(t, 2, column(t, 'xdate'))).toBe('2015-01-01T01:01:01.0000001Z');
    expect(getCellText(t, 1, column(t, 'xdate'))).toBe('2014-01-01T01:01:01.0000000Z');
    expect(getCell(t, 3, column(t, 'xtime'))).toBe('-2.00:00:02.0020002');
    expect(getCell(t, 4, column(t, 'xbool'))).toBe(true);
    expect(getCell(t, 4, column(t, 'xdynamicWithNulls'))).toEqual({ rowId: 3, arr: [0, 3] });
    expect(getCell(t, 10, column(t, 'xdouble'))).toBe(9.0009);
  });

  it('python-dynamic: dynamic values keep their JSON type (a string stays a string)', () => {
    const t = table(v2('python-dynamic.json'), 1);
    expect([0, 1, 2, 3, 4, 5].map((c) => getCell(t, 0, c))).toEqual([
      123,
      '123',
      'test bad json',
      null,
      '{"rowId":2,"arr":[0,2]}',
      { rowId: 2, arr: [0, 2] },
    ]);
    expect(getCellText(t, 0, 1)).toBe('"123"');
  });

  it('python-null_values: every type can be null; an all-null properties row is ignored', () => {
    const ds = v2('python-null_values.json');
    const t = table(ds, 1);
    expect(t.columns.map((_, c) => getCell(t, 0, c))).toEqual(new Array(10).fill(null));
    expect(t.columns.map((_, c) => getCellText(t, 0, c))).toEqual(new Array(10).fill(null));
    expect(ds.visualizations).toEqual({});
  });

  it('python-zero_results: an empty primary table is complete with zero rows', () => {
    const t = table(v2('python-zero_results.json'), 1);
    expect(t.rowCount).toBe(0);
    expect(t.complete).toBe(true);
  });
});

describe('parse-v2-frames: wire details', () => {
  const unicodeTable = {
    FrameType: 'DataTable',
    TableId: 1,
    TableKind: 'PrimaryResult',
    TableName: 'PrimaryResult',
    Columns: [
      { ColumnName: 's', ColumnType: 'string' },
      { ColumnName: 'l', ColumnType: 'long' },
      { ColumnName: 'd', ColumnType: 'dynamic' },
    ],
    Rows: [
      [
        'Zürich — 東京 🌩️ "quoted" back\\slash \u0001 end\\',
        -9007199254740991,
        { big: 1234567890, s: '€' },
      ],
      ['\\"', 9007199254740991, [1.5, -0.25e-3, 'x']],
      ['', 123456789012345, null],
    ],
  };
  const body = encoder.encode(frames(header, unicodeTable, completion).replace('"€"', '"\\u20ac"'));

  it('splits inside multi-byte UTF-8 and escapes without changing values', () => {
    const whole = snapshot(parseV2Bytes(body));
    expect(snapshot(parseChunks(fixedChunks(body, 1)))).toEqual(whole);
    for (let seed = 10; seed < 30; seed++) {
      expect(snapshot(parseChunks(randomChunks(body, seed, 7), { batchBytes: 1 }))).toEqual(whole);
    }
    const t = table(parseChunks(fixedChunks(body, 1)), 1);
    expect(getCell(t, 0, 0)).toBe('Zürich — 東京 🌩️ "quoted" back\\slash \u0001 end\\');
    expect(getCell(t, 1, 0)).toBe('\\"');
  });

  it('keeps longs beyond 2^53 exact and leaves smaller ones as numbers', () => {
    // Written as text: JS number literals would round these digits before the parser saw them.
    const exact = encoder.encode(
      frames(
        header,
        `{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"t","Columns":[{"ColumnName":"l","ColumnType":"long"},{"ColumnName":"r","ColumnType":"real"},{"ColumnName":"d","ColumnType":"dynamic"}],"Rows":[[-9223372036854775808,12345678901234567.5,{"id":9223372036854775807}],[9007199254740993,1e300,[9007199254740993]],[9007199254740991,0.1234567890123456789,null],["123",-0,"9223372036854775807"]]}`,
        completion,
      ),
    );
    for (const chunks of [[exact], fixedChunks(exact, 1), randomChunks(exact, 3, 5)]) {
      const t = table(parseChunks(chunks), 1);
      expect(getCell(t, 0, 0)).toBe(-9223372036854775808n);
      expect(getCell(t, 1, 0)).toBe(9007199254740993n);
      expect(getCell(t, 2, 0)).toBe(9007199254740991);
      expect(getCell(t, 3, 0)).toBe(123);
      expect(getCell(t, 0, 1)).toBe(Number('12345678901234567.5'));
      expect(getCell(t, 1, 1)).toBe(1e300);
      expect(getCell(t, 2, 1)).toBe(Number('0.1234567890123456789'));
      // Dynamic cells stay plain JSON values: nested longs round like any JSON number.
      expect(getCell(t, 0, 2)).toEqual({ id: 2 ** 63 });
      expect(getCell(t, 1, 2)).toEqual([2 ** 53]);
      expect(getCell(t, 3, 2)).toBe('9223372036854775807');
    }
  });

  it('applies DataReplace: a progressive table shows only the latest replacement', () => {
    const cols = [{ ColumnName: 'n', ColumnType: 'int' }];
    const body = encoder.encode(
      frames(
        { ...header, IsProgressive: true },
        {
          FrameType: 'TableHeader',
          TableId: 1,
          TableKind: 'PrimaryResult',
          TableName: 'PrimaryResult',
          Columns: cols,
        },
        {
          FrameType: 'TableFragment',
          TableFragmentType: 'DataAppend',
          TableId: 1,
          Rows: [[1], [2]],
        },
        { FrameType: 'TableProgress', TableId: 1, TableProgress: 40.5 },
        {
          FrameType: 'TableFragment',
          TableFragmentType: 'DataReplace',
          TableId: 1,
          Rows: [[7], [8], [9]],
        },
        { FrameType: 'TableFragment', TableFragmentType: 'DataAppend', TableId: 1, Rows: [[10]] },
        { FrameType: 'TableProgress', TableId: 1, TableProgress: 100 },
        { FrameType: 'TableCompletion', TableId: 1, RowCount: 4 },
        completion,
      ),
    );
    const events: string[] = [];
    const parser = new V2FrameParser(undefined, {
      onDataSetHeader: (h) => events.push(`header progressive=${h.progressive}`),
      onTableStarted: (id) => events.push(`table ${id}`),
      onDataSetCompleted: () => events.push('completed'),
      onRows: (id, n, replaced) => events.push(`rows ${id} +${n}${replaced ? ' replace' : ''}`),
      onProgress: (id, p) => events.push(`progress ${id} ${p}`),
      onTableCompleted: (id) => events.push(`completed ${id}`),
    });
    parser.feed(body);
    const ds = parser.end();
    const t = table(ds, 1);
    expect(Array.from({ length: t.rowCount }, (_, r) => getCell(t, r, 0))).toEqual([7, 8, 9, 10]);
    expect(t.progress).toBe(100);
    expect(events).toEqual([
      'header progressive=true',
      'table 1',
      'rows 1 +2',
      'progress 1 40.5',
      'rows 1 +3 replace',
      'rows 1 +1',
      'progress 1 100',
      'completed 1',
      'completed',
    ]);
    // An empty DataReplace clears the table.
    const emptied = encoder.encode(
      frames(
        header,
        {
          FrameType: 'TableHeader',
          TableId: 1,
          TableKind: 'PrimaryResult',
          TableName: 'P',
          Columns: cols,
        },
        { FrameType: 'TableFragment', TableFragmentType: 'DataAppend', TableId: 1, Rows: [[1]] },
        { FrameType: 'TableFragment', TableFragmentType: 'DataReplace', TableId: 1, Rows: [] },
        { FrameType: 'TableCompletion', TableId: 1, RowCount: 0 },
        completion,
      ),
    );
    expect(table(parseV2Bytes(emptied), 1).rowCount).toBe(0);
  });

  it('shows rows before the body ends (first rows are parsed on each feed)', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i, `row ${i}`]);
    const body = encoder.encode(
      frames(
        header,
        {
          FrameType: 'DataTable',
          TableId: 1,
          TableKind: 'PrimaryResult',
          TableName: 'P',
          Columns: [
            { ColumnName: 'i', ColumnType: 'int' },
            { ColumnName: 's', ColumnType: 'string' },
          ],
          Rows: rows,
        },
        completion,
      ),
    );
    const parser = new V2FrameParser();
    const part = Math.floor(body.length * 0.6);
    parser.feed(body.subarray(0, part));
    const t = table(parser.dataSet, 1);
    expect(t.rowCount).toBeGreaterThan(10);
    expect(t.rowCount).toBeLessThan(100);
    expect(t.complete).toBe(false);
    expect(parser.dataSet.complete).toBe(false);
    parser.feed(body.subarray(part));
    parser.end();
    expect(t.rowCount).toBe(100);
    expect(t.complete).toBe(true);
  });

  it('parses a frame whose Rows come before its Columns (buffered whole)', () => {
    const body = encoder.encode(
      frames(
        header,
        '{"FrameType":"DataTable","Rows":[[1,"a"],[2,"b"]],"TableId":1,"TableKind":"PrimaryResult","TableName":"P","Columns":[{"ColumnName":"n","ColumnType":"long"},{"ColumnName":"s","ColumnType":"string"}]}',
        completion,
      ),
    );
    const t = table(parseChunks(fixedChunks(body, 3)), 1);
    expect(t.rowCount).toBe(2);
    expect(getCell(t, 1, 1)).toBe('b');
  });

  it('accepts a UTF-8 BOM, whitespace and newlines between frames', () => {
    const body = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...encoder.encode(` \r\n${frames(header, completion)}\n`),
    ]);
    expect(parseChunks(fixedChunks(body, 1)).complete).toBe(true);
  });

  it('reports a body that ends early, keeping the rows that arrived', () => {
    const full = fixture(v2Fixtures, 'python-progressive_result.json');
    const parser = new V2FrameParser();
    parser.feed(full.subarray(0, Math.floor(full.length * 0.6)));
    expect(() => parser.end()).toThrow(ResponseFormatError);
    expect(() => parser.end()).toThrow(/ended early/);
    expect(table(parser.dataSet, 1).rowCount).toBeGreaterThan(0);
    expect(parser.dataSet.complete).toBe(false);
  });

  it('reports a missing DataSetCompletion, an empty body, non-JSON and an error object body', () => {
    expect(() => parseV2Bytes(encoder.encode(frames(header)))).toThrow(/no DataSetCompletion/);
    expect(() => parseV2Bytes(new Uint8Array())).toThrow(/empty/);
    expect(() => parseV2Bytes(encoder.encode('<html>Bad gateway</html>'))).toThrow(
      /not a Kusto v2 result/,
    );
    try {
      parseV2Bytes(encoder.encode('{"error":{"code":"General_BadRequest","message":"x"}}'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect((error as ResponseFormatError).body).toEqual({
        error: { code: 'General_BadRequest', message: 'x' },
      });
    }
  });

  it('cuts big batches speculatively without being fooled by separators in strings or nested arrays', () => {
    const tricky = (i: number): unknown[] => [
      i,
      i % 3 === 0 ? `text ],[ with "${i}" ]],[[ and \\ ]` : `plain ${i}`,
      i % 4 === 0 ? [[1, 2], [3, [4, 5]], { a: '],[' }] : { n: i },
      i % 5 === 0 ? 9223372036854775807n.toString() : i,
    ];
    const cols = [
      { ColumnName: 'i', ColumnType: 'int' },
      { ColumnName: 's', ColumnType: 'string' },
      { ColumnName: 'd', ColumnType: 'dynamic' },
      { ColumnName: 'l', ColumnType: 'long' },
    ];
    const rowsText = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => {
        const row = tricky(from + k);
        // Write exact longs as bare numbers, as Kusto does.
        return JSON.stringify(row).replace(/"(9223372036854775807)"/, '$1');
      }).join(',\n');
    const body = encoder.encode(
      frames(
        header,
        `{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"A","Columns":${JSON.stringify(cols)},"Rows":[${rowsText(0, 400)}]}`,
        {
          FrameType: 'TableHeader',
          TableId: 2,
          TableKind: 'PrimaryResult',
          TableName: 'B',
          Columns: cols,
        },
        `{"FrameType":"TableFragment","TableFragmentType":"DataAppend","TableId":2,"Rows":[${rowsText(400, 700)}]}`,
        `{"FrameType":"TableFragment","TableFragmentType":"DataAppend","TableId":2,"Rows":[${rowsText(700, 900)}]}`,
        { FrameType: 'TableCompletion', TableId: 2, RowCount: 500 },
        completion,
      ),
    );
    const reference = snapshot(parseChunks([body], { batchBytes: 1 << 30, eagerRows: Infinity }));
    for (const batchBytes of [64, 300, 2000, 9000]) {
      for (const chunkSize of [1, 17, 500, 4096, body.length]) {
        const ds = parseChunks(fixedChunks(body, chunkSize), { batchBytes, eagerRows: 0 });
        expect(snapshot(ds)).toEqual(reference);
      }
    }
    const ds = parseChunks(fixedChunks(body, 4096), { batchBytes: 2000, eagerRows: 0 });
    expect(table(ds, 1).rowCount).toBe(400);
    expect(table(ds, 2).rowCount).toBe(500);
    expect(getCell(table(ds, 1), 3, 1)).toBe('text ],[ with "3" ]],[[ and \\ ]');
    expect(getCell(table(ds, 1), 5, 3)).toBe(9223372036854775807n);
    expect(getCell(table(ds, 2), 0, 2)).toEqual([[1, 2], [3, [4, 5]], { a: '],[' }]);
  });

  it('records Cancelled from DataSetCompletion', () => {
    const ds = parseV2Bytes(encoder.encode(frames(header, { ...completion, Cancelled: true })));
    expect(ds.completion).toEqual({ hasErrors: false, cancelled: true });
  });
});
