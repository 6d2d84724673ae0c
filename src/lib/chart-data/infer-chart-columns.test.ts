import { describe, expect, it } from 'vitest';
import type { ChartColumn } from './chart-types';
import { inferChartColumns } from './infer-chart-columns';

const cols = (spec: string): ChartColumn[] =>
  spec.split(',').map((pair) => {
    const [name, type] = pair.trim().split(':');
    return { name: name!, type: type! };
  });

const none = { xColumn: null, yColumns: null, series: null };

describe('inferChartColumns', () => {
  it('time chart: x is the first datetime column, series the strings, y the numbers', () => {
    const columns = cols('State:string, StartTime:datetime, count_:long, avg_:real');
    expect(inferChartColumns(columns, 'timechart', none)).toEqual({
      x: 1,
      ys: [2, 3],
      series: [0],
    });
  });

  it('time chart without a datetime column is a problem, in words', () => {
    const result = inferChartColumns(cols('State:string, n:long'), 'timechart', none);
    expect(result).toEqual({ problem: expect.stringContaining('datetime') });
  });

  it('line chart: x is the first numeric column when another numeric is left for y', () => {
    expect(inferChartColumns(cols('a:int, b:real, c:real'), 'linechart', none)).toEqual({
      x: 0,
      ys: [1, 2],
      series: [],
    });
  });

  it('line chart over text only numbers: x falls back to the first column as categories', () => {
    expect(inferChartColumns(cols('State:string, count_:long'), 'linechart', none)).toEqual({
      x: 0,
      ys: [1],
      series: [],
    });
  });

  it('column chart: x is the first column whatever its type; other strings are series', () => {
    const columns = cols('State:string, EventType:string, count_:long');
    expect(inferChartColumns(columns, 'columnchart', none)).toEqual({
      x: 0,
      ys: [2],
      series: [1],
    });
  });

  it('pie chart: the first column names the slices, the numbers size them', () => {
    expect(inferChartColumns(cols('State:string, n:long'), 'piechart', none)).toEqual({
      x: 0,
      ys: [1],
      series: [],
    });
  });

  it('uses xcolumn, ycolumns and series the query gave, in its order', () => {
    const columns = cols('t:datetime, a:long, b:long, s:string, k:string');
    const result = inferChartColumns(columns, 'timechart', {
      xColumn: 't',
      yColumns: ['b', 'a'],
      series: ['k'],
    });
    expect(result).toEqual({ x: 0, ys: [2, 1], series: [4] });
  });

  it('does not pick an x the query named as y', () => {
    const columns = cols('a:long, b:long');
    expect(
      inferChartColumns(columns, 'linechart', { xColumn: null, yColumns: ['a'], series: null }),
    ).toEqual({ x: 1, ys: [0], series: [] });
  });

  it('matches names case-insensitively when no exact match exists', () => {
    const columns = cols('Timestamp:datetime, Count:long');
    expect(
      inferChartColumns(columns, 'timechart', {
        xColumn: 'timestamp',
        yColumns: null,
        series: null,
      }),
    ).toEqual({ x: 0, ys: [1], series: [] });
  });

  it('names the columns the render asked for that the result lacks', () => {
    const result = inferChartColumns(cols('t:datetime, n:long'), 'timechart', {
      xColumn: null,
      yColumns: ['missing'],
      series: null,
    });
    expect(result).toEqual({ problem: expect.stringContaining("'missing'") });
  });

  it('reports a result without numbers', () => {
    const result = inferChartColumns(cols('a:string, b:string'), 'columnchart', none);
    expect(result).toEqual({ problem: expect.stringContaining('numeric') });
  });
});
