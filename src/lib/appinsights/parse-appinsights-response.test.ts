import { describe, expect, it } from 'vitest';
import { ResponseFormatError } from '../query/response-format-error';
import { QueryResultSession } from '../query/query-result-session';
import { queryErrorFromIssue } from '../query-errors';
import { getCell, getCellText, isNullCell, type DataSet } from '../result-model';
import {
  buildAppInsightsDataSet,
  parseAppInsightsBytes,
  renderToVisualization,
} from './parse-appinsights-response';
import { appInsightsFixture, appInsightsFixtures } from './test-support/appinsights-fixtures';
import { appInsightsResultParsers } from './appinsights-result-parsers';

const encoder = new TextEncoder();

function primary(dataSet: DataSet) {
  const table = dataSet.tables.find((t) => t.kind === 'PrimaryResult');
  if (!table) throw new Error('no primary table');
  return table;
}

describe('App Insights response mapping over every recorded fixture', () => {
  it('has the four recordings', () => {
    expect(appInsightsFixtures.map((f) => f.file).sort()).toEqual([
      'go-azquery-TestQueryWorkspace_PartialError.json',
      'js-monitor-query-recording_includequerystatistics.json',
      'js-monitor-query-recording_query_with_types.json',
      'js-monitor-query-recording_querylogs_bad_query.json',
    ]);
  });

  for (const fixture of appInsightsFixtures.filter((f) => f.status === 200)) {
    it(`${fixture.file}: every table and column arrives with its rows`, () => {
      const dataSet = parseAppInsightsBytes(fixture.responseBytes);
      const body = fixture.responseBody as {
        tables: { name: string; columns: { name: string; type: string }[]; rows: unknown[] }[];
      };
      expect(dataSet.source).toBe('appinsights');
      expect(dataSet.complete).toBe(true);
      expect(dataSet.tables.map((t) => t.name)).toEqual(body.tables.map((t) => t.name));
      dataSet.tables.forEach((table, i) => {
        const wire = body.tables[i]!;
        expect(table.columns.map((c) => [c.name, c.wireType])).toEqual(
          wire.columns.map((c) => [c.name, c.type]),
        );
        expect(table.rowCount).toBe(wire.rows.length);
        expect(table.complete).toBe(true);
      });
    });
  }

  it('query_with_types: types mapped, dynamic JSON text parsed into an object', () => {
    const dataSet = parseAppInsightsBytes(
      appInsightsFixture('js-monitor-query-recording_query_with_types.json').responseBytes,
    );
    const table = primary(dataSet);
    expect(table.columns.map((c) => c.type)).toEqual([
      'string',
      'bool',
      'datetime',
      'int',
      'long',
      'real',
      'dynamic',
    ]);
    const row = table.columns.map((_, c) => getCell(table, 0, c));
    expect(row).toEqual(['hello', true, expect.anything(), 100, 101, 102.1, { hello: 'world' }]);
    expect(getCellText(table, 0, 2)).toBe('2000-01-02T03:04:05.000Z');
    expect(dataSet.issues).toEqual([]);
    expect(dataSet.stats).toBeNull();
  });

  it('includequerystatistics: statistics.query becomes CompletionStats', () => {
    const dataSet = parseAppInsightsBytes(
      appInsightsFixture('js-monitor-query-recording_includequerystatistics.json').responseBytes,
    );
    expect(primary(dataSet).rowCount).toBe(0);
    expect(primary(dataSet).columns).toHaveLength(31);
    expect(dataSet.stats).toMatchObject({
      executionTimeSec: 0,
      cpu: { user: '00:00:00', kernel: '00:00:00', total: '00:00:00' },
      memoryPeakPerNode: 524384,
      inputDataset: { extentsTotal: 0, extentsScanned: 0, rowsTotal: 0, rowsScanned: 0 },
      resultDataset: [{ rowCount: 0, size: 0 }],
    });
    expect(dataSet.stats?.resourceConsumption).toHaveProperty('resourceUsage.network');
  });

  it('PartialError: rows kept, one error issue with the engine message, classified partial', () => {
    const dataSet = parseAppInsightsBytes(
      appInsightsFixture('go-azquery-TestQueryWorkspace_PartialError.json').responseBytes,
    );
    expect(getCell(primary(dataSet), 0, 0)).toBe(2);
    expect(dataSet.issues).toHaveLength(1);
    const issue = dataSet.issues[0]!;
    expect(issue).toMatchObject({ severity: 'error', source: 'response', code: 'PartialError' });
    expect(issue.message).toMatch(/^Percentiles aggregator has encountered an overflow/);
    expect(dataSet.completion).toEqual({ hasErrors: true, cancelled: false });
    const error = queryErrorFromIssue(issue, { requestId: 'r1' });
    expect(error.kind).toBe('partial');
    expect(error.detail).toMatch(/E_OVERFLOW/);
  });
});

describe('App Insights cell encodings', () => {
  const body = (rows: unknown[][], columns: [string, string][]) => ({
    tables: [
      { name: 'PrimaryResult', columns: columns.map(([name, type]) => ({ name, type })), rows },
    ],
  });

  it('accepts cells sent as strings (the swagger declares every cell a string)', () => {
    const dataSet = buildAppInsightsDataSet(
      body(
        [['255', '9007199254740993', '1.5', 'true', '2018-02-02T05:00:00Z', '00:01:00', '{"a":1}']],
        [
          ['n', 'int'],
          ['l', 'long'],
          ['r', 'real'],
          ['b', 'bool'],
          ['t', 'datetime'],
          ['s', 'timespan'],
          ['d', 'dynamic'],
        ],
      ),
    );
    const table = primary(dataSet);
    expect(getCell(table, 0, 0)).toBe(255);
    expect(getCellText(table, 0, 1)).toBe('9007199254740993');
    expect(getCell(table, 0, 2)).toBe(1.5);
    expect(getCell(table, 0, 3)).toBe(true);
    expect(getCellText(table, 0, 4)).toBe('2018-02-02T05:00:00.000Z');
    expect(getCell(table, 0, 5)).toBe('00:01:00');
    expect(getCell(table, 0, 6)).toEqual({ a: 1 });
  });

  it('keeps longs beyond 2^53 exact when parsing bytes', () => {
    const dataSet = parseAppInsightsBytes(
      encoder.encode(
        '{"tables":[{"name":"PrimaryResult","columns":[{"name":"l","type":"long"}],"rows":[[9223372036854775807],[null]]}]}',
      ),
    );
    const table = primary(dataSet);
    expect(getCellText(table, 0, 0)).toBe('9223372036854775807');
    expect(isNullCell(table, 1, 0)).toBe(true);
  });

  it('dynamic text that is not JSON stays a string; null stays null', () => {
    const table = primary(
      buildAppInsightsDataSet(body([['plain'], [null], ['[1,2]']], [['d', 'dynamic']])),
    );
    expect(getCell(table, 0, 0)).toBe('plain');
    expect(isNullCell(table, 1, 0)).toBe(true);
    expect(getCell(table, 2, 0)).toEqual([1, 2]);
  });

  it('only PrimaryResult tables are primary when one is named so; otherwise all are', () => {
    const named = buildAppInsightsDataSet({
      tables: [
        { name: 'PrimaryResult', columns: [], rows: [] },
        { name: 'Other', columns: [], rows: [] },
      ],
    });
    expect(named.tables.map((t) => t.kind)).toEqual(['PrimaryResult', 'Unknown']);
    const unnamed = buildAppInsightsDataSet({
      tables: [
        { name: 'table_0', columns: [], rows: [] },
        { name: 'table_1', columns: [], rows: [] },
      ],
    });
    expect(unnamed.tables.map((t) => t.kind)).toEqual(['PrimaryResult', 'PrimaryResult']);
  });

  it('render (camelCase) becomes the first primary table visualization', () => {
    const dataSet = buildAppInsightsDataSet({
      ...body([], [['x', 'long']]),
      render: {
        visualization: 'timechart',
        title: 'Requests',
        accumulate: false,
        isQuerySorted: true,
        kind: 'default',
        yMin: 0,
        yMax: '10',
        yColumns: 'a, b',
        xColumn: 'timestamp',
      },
    });
    expect(dataSet.visualizations[0]).toMatchObject({
      visualization: 'timechart',
      title: 'Requests',
      isQuerySorted: true,
      yMin: 0,
      yMax: 10,
      yColumns: ['a', 'b'],
      xColumn: 'timestamp',
    });
    expect(renderToVisualization(null)).toBeNull();
  });

  it('a body without tables is a format error carrying the parsed body', () => {
    expect(() => parseAppInsightsBytes(encoder.encode('{"error":{"code":"X"}}'))).toThrow(
      ResponseFormatError,
    );
    expect(() => parseAppInsightsBytes(encoder.encode(''))).toThrow(/empty/);
  });

  it('the worker session parses the appinsights format from chunks', () => {
    const session = new QueryResultSession(appInsightsResultParsers.appinsights());
    const bytes = appInsightsFixture(
      'js-monitor-query-recording_query_with_types.json',
    ).responseBytes;
    session.feed(bytes.slice(0, 40));
    session.feed(bytes.slice(40));
    const dataSet = session.end();
    expect(dataSet.source).toBe('appinsights');
    expect(session.getRows({ tableId: 0, start: 0, end: 10 }).rowCount).toBe(1);
  });
});
