import { describe, expect, it } from 'vitest';
import { DataSetBuilder } from './dataset-builder';
import { filterIndex } from './filter-index';
import { formatCell } from './format-cell';
import { getCell, getCellText, isNullCell } from './cell-access';
import { ChunkedValues } from './chunked-values';
import { formatKustoDateTime, parseKustoDateTime, parsedDateTime } from './kusto-datetime';
import { normalizeKustoType } from './kusto-scalar-type';
import { formatTimespanTicks, parseTimespanTicks } from './kusto-timespan';
import { parseVisualization } from './parse-visualization';
import type { ResultTable } from './result-types';
import { getRowBlock } from './row-block';
import { compareDecimalText, sortIndex } from './sort-index';
import { EXACT_NUMBER_MARK } from './column-data';

const MARK = EXACT_NUMBER_MARK;

function tableOf(
  columns: [string, string][],
  rows: unknown[][],
  exactNumbers = false,
): ResultTable {
  const builder = new DataSetBuilder('kusto-v2');
  builder.addTable({
    id: 1,
    name: 'T',
    kind: 'PrimaryResult',
    columns: columns.map(([name, wireType]) => ({ name, wireType })),
  });
  builder.appendRows(1, rows, { exactNumbers });
  builder.completeTable(1);
  return builder.table(1)!;
}

function column(t: ResultTable, col: number): unknown[] {
  return Array.from({ length: t.rowCount }, (_, r) => getCell(t, r, col));
}

const sample = tableOf(
  [
    ['n', 'int'],
    ['name', 'string'],
    ['l', 'long'],
    ['when', 'datetime'],
    ['r', 'real'],
    ['b', 'bool'],
    ['d', 'decimal'],
    ['span', 'timespan'],
    ['dyn', 'dynamic'],
  ],
  [
    [3, 'b', 5, '2020-01-01T00:00:00.0000002Z', 1.5, true, '10.5', '01:00:00', { k: 1 }],
    [
      null,
      'a',
      `${MARK}9007199254740993`,
      '2020-01-01T00:00:00.0000001Z',
      'NaN',
      false,
      '2',
      '-1.00:00:00',
      [1, 2],
    ],
    [1, 'B', `${MARK}9007199254740992`, null, null, null, null, null, null],
    [
      2,
      'Zürich',
      -1,
      '2019-12-31T23:59:59Z',
      -2,
      true,
      '10.50000000000000000001',
      '00:00:00.5',
      'text',
    ],
  ],
  true,
);

describe('cell access and formatting', () => {
  it('returns typed values and tells null from empty', () => {
    expect(getCell(sample, 0, 0)).toBe(3);
    expect(getCell(sample, 1, 0)).toBeNull();
    expect(isNullCell(sample, 1, 0)).toBe(true);
    expect(getCell(sample, 1, 2)).toBe(9007199254740993n);
    expect(getCell(sample, 2, 2)).toBe(9007199254740992n); // 2^53 is not a safe integer
    expect(getCell(sample, 3, 2)).toBe(-1);
    expect(getCell(sample, 0, 3)).toEqual({ epochMs: Date.UTC(2020, 0, 1), subMsTicks: 2 });
    expect(getCell(sample, 3, 3)).toEqual({
      epochMs: Date.UTC(2019, 11, 31, 23, 59, 59),
      subMsTicks: null,
    });
    expect(getCell(sample, 1, 4)).toBeNaN();
    expect(getCell(sample, 2, 5)).toBeNull();
    expect(getCell(sample, 1, 5)).toBe(false);
    expect(getCell(sample, 3, 6)).toBe('10.50000000000000000001');
    expect(getCell(sample, 1, 8)).toEqual([1, 2]);
    expect(() => getCell(sample, 4, 0)).toThrow(RangeError);
    expect(() => getCell(sample, 0, 9)).toThrow(RangeError);
  });

  it('formats every type as display text', () => {
    expect(getCellText(sample, 0, 3)).toBe('2020-01-01T00:00:00.0000002Z');
    expect(getCellText(sample, 3, 3)).toBe('2019-12-31T23:59:59.000Z');
    expect(getCellText(sample, 1, 2)).toBe('9007199254740993');
    expect(getCellText(sample, 1, 4)).toBe('NaN');
    expect(getCellText(sample, 0, 8)).toBe('{"k":1}');
    expect(getCellText(sample, 3, 8)).toBe('"text"');
    expect(getCellText(sample, 2, 8)).toBeNull();
    expect(formatCell(null, 'string')).toBe('');
    expect(formatCell(true, 'bool')).toBe('true');
    expect(formatCell(12n ** 20n, 'long')).toBe('3833759992447475122176');
    expect(formatCell(0.1 + 0.2, 'real')).toBe('0.30000000000000004');
    expect(formatCell(-Infinity, 'real')).toBe('-Infinity');
    expect(formatCell(1e21, 'real')).toBe('1e+21');
    expect(
      formatCell({ epochMs: Date.UTC(2007, 8, 29, 8, 11), subMsTicks: null }, 'datetime'),
    ).toBe('2007-09-29T08:11:00.000Z');
    expect(formatCell({ epochMs: 0, subMsTicks: 1 }, 'datetime')).toBe(
      '1970-01-01T00:00:00.0000001Z',
    );
    expect(formatCell({ a: [1, 'x', null] }, 'dynamic')).toBe('{"a":[1,"x",null]}');
  });
});

describe('datetime and timespan text', () => {
  it('parses the canonical form with 0–7+ fractional digits', () => {
    expect(parseKustoDateTime('2020-03-04T14:05:01.3109965Z')).toBe(
      Date.UTC(2020, 2, 4, 14, 5, 1, 310),
    );
    expect(parsedDateTime.subMsTicks).toBe(9965);
    expect(parseKustoDateTime('2018-05-01T09:32:38.916566Z')).toBe(
      Date.UTC(2018, 4, 1, 9, 32, 38, 916),
    );
    expect(parsedDateTime.subMsTicks).toBe(5660);
    expect(parseKustoDateTime('2016-06-06T15:35:00.5Z')).toBe(Date.UTC(2016, 5, 6, 15, 35, 0, 500));
    expect(parsedDateTime.subMsTicks).toBe(-1);
    expect(parseKustoDateTime('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseKustoDateTime('0001-01-01T00:00:00Z')).toBe(Date.parse('0001-01-01T00:00:00Z'));
    expect(formatKustoDateTime(parseKustoDateTime('9999-12-31T23:59:59.9999999Z'), 9999)).toBe(
      '9999-12-31T23:59:59.9999999Z',
    );
  });

  it('accepts offsets and dates without a time, and rejects non-dates', () => {
    expect(parseKustoDateTime('2020-01-01T02:00:00+02:00')).toBe(Date.UTC(2020, 0, 1));
    expect(parseKustoDateTime('2020-01-01T00:00:00')).toBe(Date.UTC(2020, 0, 1)); // no zone = UTC
    expect(parseKustoDateTime('2020-01-01')).toBe(Date.UTC(2020, 0, 1));
    expect(parseKustoDateTime('2019-02-29T00:00:00Z')).toBeNaN();
    expect(parseKustoDateTime('yesterday')).toBeNaN();
  });

  it('round-trips timespans through ticks', () => {
    expect(parseTimespanTicks('1.01:02:03.004')).toBe(((86400 + 3723) * 1000 + 4) * 10_000);
    expect(parseTimespanTicks('-2.00:00:02.0020002')).toBe(-(2 * 86400 * 1e7 + 2 * 1e7 + 20002));
    expect(parseTimespanTicks('nope')).toBeNaN();
    expect(formatTimespanTicks(600_000_000)).toBe('00:01:00');
    expect(formatTimespanTicks(-(86400 * 1e7 + 1))).toBe('-1.00:00:00.0000001');
  });

  it('folds type aliases and .NET names', () => {
    expect(
      [
        'boolean',
        'Int64',
        'System.Double',
        'date',
        'uuid',
        'SqlDecimal',
        'System.Object',
        'time',
        'missing',
      ].map(normalizeKustoType),
    ).toEqual([
      'bool',
      'long',
      'real',
      'datetime',
      'guid',
      'decimal',
      'dynamic',
      'timespan',
      'string',
    ]);
  });
});

describe('sortIndex', () => {
  const order = (t: ResultTable, model: Parameters<typeof sortIndex>[1], rows?: Int32Array) =>
    Array.from(sortIndex(t, model, rows));

  it('puts nulls first ascending and last descending', () => {
    expect(order(sample, [{ colId: 'n', sort: 'asc' }])).toEqual([1, 2, 3, 0]);
    expect(order(sample, [{ colId: 'n', sort: 'desc' }])).toEqual([0, 3, 2, 1]);
  });

  it('orders longs beyond 2^53 exactly, datetimes to the tick, strings by code unit', () => {
    expect(order(sample, [{ colId: 'l', sort: 'asc' }])).toEqual([3, 0, 2, 1]);
    expect(order(sample, [{ colId: 'when', sort: 'asc' }])).toEqual([2, 3, 1, 0]);
    expect(order(sample, [{ colId: 'name', sort: 'asc' }])).toEqual([2, 3, 1, 0]); // B < Z < a < b
  });

  it('orders reals with NaN after null, bools, decimals exactly, timespans by duration', () => {
    expect(order(sample, [{ colId: 'r', sort: 'asc' }])).toEqual([2, 1, 3, 0]);
    expect(order(sample, [{ colId: 'b', sort: 'asc' }])).toEqual([2, 1, 0, 3]);
    expect(order(sample, [{ colId: 'd', sort: 'asc' }])).toEqual([2, 1, 0, 3]);
    expect(order(sample, [{ colId: 'span', sort: 'asc' }])).toEqual([2, 1, 3, 0]);
  });

  it('sorts by several columns, stably, and only the given rows', () => {
    const t = tableOf(
      [
        ['g', 'string'],
        ['v', 'int'],
      ],
      [
        ['x', 2],
        ['y', 1],
        ['x', 1],
        ['y', 1],
      ],
    );
    expect(
      order(t, [
        { colId: 'g', sort: 'asc' },
        { colId: 'v', sort: 'desc' },
      ]),
    ).toEqual([0, 2, 1, 3]);
    expect(order(t, [{ colId: 'v', sort: 'asc' }])).toEqual([1, 2, 3, 0]);
    expect(order(t, [{ colId: 'v', sort: 'asc' }], Int32Array.from([0, 3]))).toEqual([3, 0]);
    expect(order(t, [{ colId: 'unknown', sort: 'asc' }])).toEqual([0, 1, 2, 3]);
  });

  it('compares decimal text exactly', () => {
    expect(compareDecimalText('10.50', '10.5')).toBe(0);
    expect(compareDecimalText('-0.0', '0')).toBe(0);
    expect(compareDecimalText('99999999999999999999.1', '99999999999999999999.09')).toBeGreaterThan(
      0,
    );
    expect(compareDecimalText('-2', '-10')).toBeGreaterThan(0);
  });
});

describe('filterIndex', () => {
  const rows = (model: Parameters<typeof filterIndex>[1], quick?: string) =>
    Array.from(filterIndex(sample, model, quick));

  it('applies text conditions case-insensitively to display text', () => {
    expect(rows({ name: { filterType: 'text', type: 'equals', filter: 'b' } })).toEqual([0, 2]);
    expect(rows({ name: { filterType: 'text', type: 'contains', filter: 'ür' } })).toEqual([3]);
    expect(rows({ name: { filterType: 'text', type: 'notContains', filter: 'b' } })).toEqual([
      1, 3,
    ]);
    expect(rows({ name: { filterType: 'text', type: 'startsWith', filter: 'zü' } })).toEqual([3]);
    expect(rows({ span: { filterType: 'text', type: 'blank' } })).toEqual([2]);
    expect(rows({ n: { filterType: 'text', type: 'notBlank' } })).toEqual([0, 2, 3]);
  });

  it('applies number conditions, including longs beyond 2^53 and AG Grid’s exclusive inRange', () => {
    expect(rows({ n: { filterType: 'number', type: 'greaterThan', filter: 1 } })).toEqual([0, 3]);
    expect(rows({ n: { filterType: 'number', type: 'inRange', filter: 1, filterTo: 3 } })).toEqual([
      3,
    ]);
    expect(
      rows({ l: { filterType: 'number', type: 'greaterThanOrEqual', filter: 2 ** 53 } }),
    ).toEqual([1, 2]);
    expect(rows({ r: { filterType: 'number', type: 'lessThan', filter: 0 } })).toEqual([3]);
  });

  it('applies date conditions by UTC day, or to the instant when a time is given', () => {
    expect(
      rows({ when: { filterType: 'date', type: 'equals', dateFrom: '2020-01-01 00:00:00' } }),
    ).toEqual([0, 1]);
    expect(
      rows({ when: { filterType: 'date', type: 'lessThan', dateFrom: '2020-01-01 00:00:00' } }),
    ).toEqual([3]);
    expect(
      rows({ when: { filterType: 'date', type: 'greaterThan', dateFrom: '2019-12-31 00:00:00' } }),
    ).toEqual([0, 1]);
    expect(
      rows({ when: { filterType: 'date', type: 'greaterThan', dateFrom: '2019-12-31 12:00:00' } }),
    ).toEqual([0, 1, 3]);
    expect(
      rows({
        when: {
          filterType: 'date',
          type: 'inRange',
          dateFrom: '2019-12-31 00:00:00',
          dateTo: '2019-12-31 00:00:00',
        },
      }),
    ).toEqual([3]);
  });

  it('combines conditions with AND / OR and across columns', () => {
    expect(
      rows({
        name: {
          filterType: 'text',
          operator: 'OR',
          conditions: [
            { filterType: 'text', type: 'equals', filter: 'a' },
            { filterType: 'text', type: 'startsWith', filter: 'z' },
          ],
        },
        n: { filterType: 'number', type: 'notBlank' },
      }),
    ).toEqual([3]);
  });

  it('quick filter: every word must appear somewhere in the row', () => {
    expect(rows(null, 'zürich')).toEqual([3]);
    expect(rows(null, '  B  ')).toEqual([0, 2]);
    expect(rows(null, 'b true')).toEqual([0]);
    expect(rows(null, 'NaN')).toEqual([1]);
    expect(rows(null, '9007199254740993')).toEqual([1]);
    expect(rows(null, '2019-12-31T23')).toEqual([3]);
    expect(rows(null, '"k"')).toEqual([0]);
    expect(rows(null, 'nothing-matches')).toEqual([]);
    expect(rows(null, '')).toEqual([0, 1, 2, 3]);
  });
});

describe('getRowBlock', () => {
  it('returns display rows for a range of a view, clamped, with nulls as null', () => {
    const index = sortIndex(sample, [{ colId: 'n', sort: 'desc' }]);
    const block = getRowBlock(sample, index, 1, 10);
    expect(block.map((r) => r.row)).toEqual([3, 2, 1]);
    expect(block[2]?.cells[0]).toBeNull();
    expect(block[0]?.cells[1]).toBe('Zürich');
    expect(getRowBlock(sample, null, -5, 1).map((r) => r.row)).toEqual([0]);
    expect(getRowBlock(sample, null, 4, 8)).toEqual([]);
  });
});

describe('DataSetBuilder', () => {
  it('replaces rows, counts versions and reads extended properties and completion tables', () => {
    const builder = new DataSetBuilder('kusto-v2');
    builder.addTable({
      id: 0,
      name: '@ExtendedProperties',
      kind: 'QueryProperties',
      columns: [
        { name: 'TableId', wireType: 'int' },
        { name: 'Key', wireType: 'string' },
        { name: 'Value', wireType: 'dynamic' },
      ],
    });
    builder.appendRows(0, [
      [
        1,
        'Visualization',
        '{"Visualization":"timechart","Title":"T","YColumns":"a, b","Series":null,"Ymin":"NaN","Ymax":10,"Accumulate":true}',
      ],
      [1, 'Cursor', "'637'"],
    ]);
    builder.completeTable(0);
    builder.addTable({
      id: 1,
      name: 'P',
      kind: 'PrimaryResult',
      columns: [{ name: 'x', wireType: 'long' }],
    });
    builder.appendRows(1, [[1], [2]]);
    const v1 = builder.table(1)!.version;
    builder.clearRows(1);
    builder.appendRows(1, [[3]]);
    expect(column(builder.table(1)!, 0)).toEqual([3]);
    expect(builder.table(1)!.version).toBeGreaterThan(v1);
    const ds = builder.dataSet;
    expect(ds.visualizations[1]).toMatchObject({
      visualization: 'timechart',
      title: 'T',
      yColumns: ['a', 'b'],
      series: null,
      yMin: null,
      yMax: 10,
      accumulate: true,
    });
    expect(ds.extendedProperties).toEqual([{ tableId: 1, key: 'Cursor', value: "'637'" }]);
    expect(() => builder.appendRows(7, [[1]])).toThrow(/before its header/);
  });

  it('parses visualization JSON defensively', () => {
    expect(parseVisualization('not json')).toBeNull();
    expect(parseVisualization(null)).toBeNull();
    expect(parseVisualization({ Visualization: 'piechart', Legend: 'hidden' })).toMatchObject({
      visualization: 'piechart',
      legend: 'hidden',
      accumulate: false,
    });
  });
});

describe('DataSetBuilder.finish', () => {
  const columns: [string, string][] = [
    ['n', 'int'],
    ['l', 'long'],
    ['r', 'real'],
    ['when', 'datetime'],
    ['b', 'bool'],
    ['state', 'string'],
    ['note', 'string'],
    ['dyn', 'dynamic'],
  ];
  const rowsOf = (count: number, from = 0): unknown[][] =>
    Array.from({ length: count }, (_, k) => {
      const i = from + k;
      return [
        i % 9 === 0 ? null : i,
        i * 3,
        i % 11 === 0 ? null : i / 2,
        i % 13 === 0 ? null : `2020-01-01T00:00:00.${String(i % 1000).padStart(3, '0')}1234Z`,
        i % 2 === 0,
        ['TEXAS', 'IOWA'][i % 2],
        `note ${i}`,
        { i },
      ];
    });

  function build(batches: number[]) {
    const builder = new DataSetBuilder('kusto-v2');
    builder.addTable({
      id: 1,
      name: 'T',
      kind: 'PrimaryResult',
      columns: columns.map(([name, wireType]) => ({ name, wireType })),
    });
    let at = 0;
    for (const count of batches) {
      builder.appendRows(1, rowsOf(count, at));
      at += count;
    }
    builder.completeTable(1);
    return builder;
  }

  it('cuts every column to the row count, keeping every cell', () => {
    // 1,000 rows in batches: while streaming, typed columns have room for 1,024.
    const builder = build([100, 400, 500]);
    const streaming = builder.table(1)!;
    expect((streaming.data[0] as { values: Int32Array }).values.length).toBeGreaterThan(1000);
    const before = streaming.columns.map((_, c) => column(streaming, c));

    const table = builder.finish().tables[0]!;
    expect(table.rowCount).toBe(1000);
    expect(table.columns.map((_, c) => column(table, c))).toEqual(before);
    for (const data of table.data) {
      if (data.type === 'datetime') {
        expect(data.epochMs.length).toBe(1000);
        expect(data.subMsTicks?.length).toBe(1000);
        expect(data.nulls?.length).toBe(125);
      } else if (data.values instanceof ChunkedValues) {
        // Chunked text and dynamic cells have nothing to cut: the row count bounds them.
        expect(data.values.get(999)).toBeDefined();
        expect(data.values.get(1000)).toBeUndefined();
      } else {
        expect(data.values.length).toBe(1000);
        if ('nulls' in data && data.nulls) expect(data.nulls.length).toBe(125);
      }
    }
  });

  it('keeps sharing the dictionary strings of a low-cardinality column', () => {
    const table = build([300, 300]).finish().tables[0]!;
    const state = table.data[5] as { values: ChunkedValues<string> };
    const values = state.values.toArray(table.rowCount);
    expect(values[0]).toBe('TEXAS');
    expect(values.filter((v) => v === 'TEXAS')).toHaveLength(300);
    expect(isNullCell(table, 0, 0)).toBe(true);
    expect(isNullCell(table, 1, 0)).toBe(false);
  });
});
