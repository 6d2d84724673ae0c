import { describe, expect, it } from 'vitest';
import { evaluate, KqlError, prepareDatabase } from './index';
import { errorOf, FIXED_NOW, run, rows, stormsTable, testDatabase } from './engine-test-support';

describe('statements and options', () => {
  it('collects set statements, with and without values', () => {
    const result = evaluate(
      'set notruncation; set query_take_max_records=5; set query_datetimescope_column="Time"; Storms | count',
      testDatabase(),
    );
    expect(result.setOptions).toEqual({
      notruncation: true,
      query_take_max_records: 5,
      query_datetimescope_column: 'Time',
    });
    expect(result.tables).toHaveLength(1);
  });

  it('returns one PrimaryResult table per tabular statement', () => {
    const result = evaluate('Storms | count; States | count', testDatabase());
    expect(result.tables.map((t) => [t.name, t.rows])).toEqual([
      ['PrimaryResult', [[6]]],
      ['PrimaryResult', [[4]]],
    ]);
  });

  it('fixes now() and ago() for the whole query from options.now', () => {
    expect(rows('print now(), ago(1h)')).toEqual([
      ['2021-06-15T12:00:00.0000000Z', '2021-06-15T11:00:00.0000000Z'],
    ]);
  });

  it('applies an App Insights-style time window to the named table column (inclusive)', () => {
    const timeWindow = {
      from: new Date('2007-01-01T00:00:00Z'),
      to: new Date('2007-01-02T01:00:00Z'),
      columnByTable: { Storms: 'Time' },
    };
    expect(rows('Storms | count', { timeWindow })).toEqual([[3]]);
    expect(rows('States | count', { timeWindow })).toEqual([[4]]);
  });

  it('describes the prepared database without exposing its rows', () => {
    const db = prepareDatabase({
      name: 'Db',
      tables: [{ ...stormsTable, folder: 'Storm_Events', docString: 'Storms' }],
    });
    expect(db.name).toBe('Db');
    expect(db.tables).toEqual([
      {
        name: 'Storms',
        columns: stormsTable.columns,
        rowCount: 6,
        folder: 'Storm_Events',
        docString: 'Storms',
      },
    ]);
    expect(JSON.stringify(db)).not.toContain('Austin');
  });

  it('round-trips every wire type unchanged', () => {
    const db = prepareDatabase({
      name: 'Db',
      tables: [
        {
          name: 'AllTypes',
          columns: [
            { name: 'b', type: 'bool' },
            { name: 'i', type: 'int' },
            { name: 'l', type: 'long' },
            { name: 'r', type: 'real' },
            { name: 'm', type: 'decimal' },
            { name: 'd', type: 'datetime' },
            { name: 't', type: 'timespan' },
            { name: 's', type: 'string' },
            { name: 'g', type: 'guid' },
            { name: 'y', type: 'dynamic' },
          ],
          rows: [
            [
              true,
              1,
              9007199254740,
              -1.5,
              '12.25',
              '2024-05-01T10:00:00.1234567Z',
              '1.02:03:04.5000000',
              'x',
              '74be27de-1e4e-49d9-b579-fe0b331d3642',
              { a: [1, null] },
            ],
            [null, null, null, 'Infinity', null, null, '-00:00:01', '', null, null],
          ],
        },
      ],
    });
    const result = evaluate('AllTypes', db);
    expect(result.tables[0]!.rows).toEqual([
      [
        true,
        1,
        9007199254740,
        -1.5,
        '12.25',
        '2024-05-01T10:00:00.1234567Z',
        '1.02:03:04.5000000',
        'x',
        '74be27de-1e4e-49d9-b579-fe0b331d3642',
        { a: [1, null] },
      ],
      [null, null, null, 'Infinity', null, null, '-00:00:01', '', null, null],
    ]);
  });
});

describe('render', () => {
  it('fills the visualization properties from render ... with (...)', () => {
    const table = run(
      'Storms | summarize count() by Kind | sort by count_ desc | render columnchart with (title="Storms by kind", xcolumn=Kind, ycolumns=count_, series=Kind, legend=hidden, kind=stacked, ymin=0, ymax=10, xtitle="Kind", accumulate=true)',
    );
    expect(table.visualization).toEqual({
      Visualization: 'columnchart',
      Title: 'Storms by kind',
      XColumn: 'Kind',
      Series: 'Kind',
      YColumns: 'count_',
      AnomalyColumns: null,
      XTitle: 'Kind',
      YTitle: null,
      XAxis: null,
      YAxis: null,
      Legend: 'hidden',
      YSplit: null,
      Accumulate: true,
      IsQuerySorted: true,
      Kind: 'stacked',
      Ymin: 0,
      Ymax: 10,
      Xmin: null,
      Xmax: null,
    });
    expect(table.rows).toHaveLength(4);
  });

  it('joins several y columns with commas and reports unsorted input', () => {
    const table = run(
      'Storms | summarize a = count(), b = sum(Damage) by Kind | render barchart with (ycolumns=a, b)',
    );
    expect(table.visualization.YColumns).toBe('a,b');
    expect(table.visualization.IsQuerySorted).toBe(false);
  });

  it('without render every property is empty, Ymin/Ymax NaN', () => {
    expect(run('Storms | take 1').visualization).toEqual({
      Visualization: null,
      Title: null,
      XColumn: null,
      Series: null,
      YColumns: null,
      AnomalyColumns: null,
      XTitle: null,
      YTitle: null,
      XAxis: null,
      YAxis: null,
      Legend: null,
      YSplit: null,
      Accumulate: false,
      IsQuerySorted: false,
      Kind: null,
      Ymin: 'NaN',
      Ymax: 'NaN',
      Xmin: null,
      Xmax: null,
    });
  });
});

describe('errors', () => {
  it('reports syntax errors as SYN0002 with the 1-based position and the analyzer code', () => {
    const error = errorOf('Storms | wher State == "x"');
    expect(error).toBeInstanceOf(KqlError);
    expect(error.kind).toBe('syntax');
    expect(error.code).toBe('SYN0002');
    expect([error.line, error.column, error.start]).toEqual([1, 10, 9]);
    expect(error.message).toContain('KS176');
  });

  it('reports unknown names as SEM0100 on the right line', () => {
    const error = errorOf('Storms\n| where State == "TEXAS"\n| summarize count() by Foo');
    expect(error.kind).toBe('semantic');
    expect(error.code).toBe('SEM0100');
    expect([error.line, error.column, error.length]).toEqual([3, 24, 3]);
    expect(error.message).toContain("'Foo'");
    expect(errorOf('NoSuchTable | take 1').code).toBe('SEM0100');
  });

  it('keeps the analyzer code for other semantic errors', () => {
    const error = errorOf('Storms | extend x = strlen(Damage)');
    expect(error.kind).toBe('semantic');
    expect(error.code).toBe('KS141');
    expect(errorOf('Storms | where Time > "2007-01-02"').code).toBe('KS106');
    expect(errorOf('print foo(1)').code).toBe('SEM0100');
  });

  it.each([
    ['Storms | evaluate bag_unpack(Info)', "'evaluate' operator"],
    ['Storms | parse kind=relaxed Kind with a " " b', 'kind=relaxed'],
    ['Storms | facet by Kind', 'facet by Kind'],
    ['print hash("x")', "'hash()'"],
    ['Storms | top-nested 2 of State by count()', "'top-nested' operator"],
    ['Storms | serialize p = prev(Damage)', "'prev()'"],
  ])('rejects %s as unsupported, naming the construct', (query, named) => {
    const error = errorOf(query);
    expect(error.kind).toBe('unsupported');
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toContain(named);
  });

  it('stops runaway operators with a runtime error instead of exhausting memory', () => {
    const error = errorOf('range x from 1 to 100000000 step 1');
    expect(error.kind).toBe('runtime');
    expect(error.message).toContain('E_RUNAWAY_QUERY');
  });

  it('points an unsupported construct at its position', () => {
    const error = errorOf('Storms\n| evaluate bag_unpack(Info)');
    expect([error.line, error.column]).toEqual([2, 3]);
  });

  it('rejects management commands and foreign databases', () => {
    expect(errorOf('.show tables').kind).toBe('unsupported');
    expect(() => evaluate('print 1', { name: 'x', tables: [] })).toThrow(/prepareDatabase/);
  });

  it('uses the fixed clock in helpers', () => {
    expect(FIXED_NOW.toISOString()).toBe('2021-06-15T12:00:00.000Z');
  });
});
