import { describe, expect, it } from 'vitest';
import { ResponseFormatError } from '../query/response-format-error';
import { readCell } from '../result-model/cell-access';
import type { DataSet } from '../result-model';
import { parsePrometheusBytes } from './parse-prometheus-response';
import { prometheusFixtureBytes } from './test-support/prometheus-fixtures';

function rows(dataSet: DataSet): unknown[][] {
  const table = dataSet.tables[0]!;
  return Array.from({ length: table.rowCount }, (_, r) =>
    table.data.map((column) => readCell(column, r)),
  );
}

describe('parsePrometheusBytes', () => {
  it('turns an instant vector into one row per series: labels as columns, then timestamp and value', () => {
    const dataSet = parsePrometheusBytes(prometheusFixtureBytes('instant-up.json'), 'instant');
    const table = dataSet.tables[0]!;
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['__name__', 'string'],
      ['instance', 'string'],
      ['job', 'string'],
      ['timestamp', 'datetime'],
      ['value', 'real'],
    ]);
    expect(table.rowCount).toBe(1);
    const [row] = rows(dataSet);
    expect(row!.slice(0, 3)).toEqual(['up', '127.0.0.1:19390', 'prometheus']);
    expect(row![4]).toBe(1);
    expect(dataSet.visualizations[0]).toBeUndefined();
  });

  it('gives series without a label an empty cell, and draws no chart for an instant query', () => {
    const dataSet = parsePrometheusBytes(prometheusFixtureBytes('instant-sum-by.json'), 'instant');
    expect(dataSet.tables[0]!.columns.map((c) => c.name)).toEqual([
      'code',
      'handler',
      'timestamp',
      'value',
    ]);
    expect(rows(dataSet).map((r) => [r[1], r[3]])).toEqual([
      ['/api/v1/query', 1],
      ['/metrics', 10],
    ]);
  });

  it('turns a range matrix into long-format rows and a time chart with one line per label set', () => {
    const dataSet = parsePrometheusBytes(prometheusFixtureBytes('range-rate.json'), 'range');
    const table = dataSet.tables[0]!;
    expect(table.columns.map((c) => c.name)).toEqual(['timestamp', 'handler', 'value']);
    const all = rows(dataSet);
    // Every sample of every series is a row (3 + 4 in the recording).
    expect(all.length).toBe(7);
    expect(new Set(all.map((r) => r[1]))).toEqual(new Set(['/api/v1/query', '/metrics']));
    expect(dataSet.visualizations[0]).toMatchObject({
      visualization: 'timechart',
      xColumn: 'timestamp',
      series: ['handler'],
      yColumns: ['value'],
    });
  });

  it('reads a scalar as one row', () => {
    const dataSet = parsePrometheusBytes(prometheusFixtureBytes('scalar.json'), 'instant');
    expect(dataSet.tables[0]!.columns.map((c) => c.name)).toEqual(['timestamp', 'value']);
    expect(rows(dataSet)[0]![1]).toBe(1);
  });

  it('reads +Inf, -Inf and NaN samples as numbers, and warnings as issues', () => {
    const body = {
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { le: '+Inf' }, value: [1, '+Inf'] },
          { metric: { le: '0.5' }, value: [1, '-Inf'] },
          { metric: { le: '1' }, value: [1, 'NaN'] },
        ],
      },
      warnings: ['PromQL info: metric might not be a counter'],
    };
    const dataSet = parsePrometheusBytes(new TextEncoder().encode(JSON.stringify(body)), 'instant');
    const values = rows(dataSet).map((r) => r[2]);
    expect(values[0]).toBe(Infinity);
    expect(values[1]).toBe(-Infinity);
    expect(Number.isNaN(values[2])).toBe(true);
    expect(dataSet.issues.map((i) => [i.severity, i.message])).toEqual([
      ['warning', 'PromQL info: metric might not be a counter'],
    ]);
  });

  it('refuses a body that is not a successful Prometheus answer', () => {
    expect(() =>
      parsePrometheusBytes(prometheusFixtureBytes('error-execution.json'), 'instant'),
    ).toThrow(ResponseFormatError);
    expect(() => parsePrometheusBytes(new TextEncoder().encode('<html>'), 'range')).toThrow(
      /not valid JSON/,
    );
  });
});
