import { describe, expect, it } from 'vitest';
import { chart, cols, vis } from './test-support/chart-builders';
import { buildChartData } from './build-chart-data';
import type { ChartData } from './chart-types';
import { describeChart } from './describe-chart';

function xy(data: ChartData) {
  if (data.shape !== 'xy') throw new Error(`expected xy, got ${data.shape}`);
  return data.series.map((s) => ({ name: s.name, x: Array.from(s.x), y: Array.from(s.y) }));
}

function categories(data: ChartData) {
  if (data.shape !== 'category') throw new Error(`expected category, got ${data.shape}`);
  return {
    categories: data.categories,
    series: data.series.map((s) => ({ name: s.name, values: Array.from(s.values) })),
  };
}

const t = (day: number) => Date.UTC(2007, 0, day);

describe('buildChartData: time charts', () => {
  const columns = cols('StartTime:datetime, State:string, count_:long');
  const rows = [
    ['2007-01-02T00:00:00.0000000Z', 'TEXAS', 5],
    [t(1), 'TEXAS', 3],
    [t(1), 'KANSAS', 1n],
    [t(3), 'TEXAS', null],
    [null, 'KANSAS', 9],
  ];

  it('splits series by the string column and sorts each by time', () => {
    const data = chart(columns, rows, { visualization: 'timechart' });
    expect(xy(data)).toEqual([
      { name: 'TEXAS', x: [t(1), t(2), t(3)], y: [3, 5, NaN] },
      { name: 'KANSAS', x: [t(1)], y: [1] },
    ]);
    expect(data.notes).toEqual(['1 row with an empty StartTime not drawn.']);
    expect(describeChart(data, null)).toBe('Time chart of count_ by State');
  });

  it('accumulates each series in x order, carrying over nulls', () => {
    const data = chart(columns, rows, { visualization: 'timechart', accumulate: true });
    expect(xy(data)[0]!.y).toEqual([3, 8, 8]);
  });

  it('names series by key and y column when there are several y columns', () => {
    const data = chart(cols('t:datetime, s:string, a:long, b:real'), [[t(1), 'x', 1, 2]], {
      visualization: 'timechart',
    });
    expect(xy(data).map((s) => s.name)).toEqual(['x (a)', 'x (b)']);
  });

  it('keeps at most maxSeries series and says so', () => {
    const many = Array.from({ length: 30 }, (_, i) => [t(1), `s${i}`, i]);
    const data = buildChartData(columns, many, vis({ visualization: 'timechart' }), {
      maxSeries: 10,
    });
    if ('problem' in data) throw new Error(data.problem);
    expect(xy(data)).toHaveLength(10);
    expect(data.notes).toContain('Showing the first 10 of 30 series.');
  });
});

describe('buildChartData: stacking', () => {
  const columns = cols('t:datetime, s:string, n:long');
  const rows = [
    [t(1), 'a', 1],
    [t(2), 'a', 3],
    [t(2), 'b', 1],
    [t(3), 'b', 2],
  ];

  it('aligns stacked areas on the union of x, a missing point counting as 0', () => {
    const data = chart(columns, rows, { visualization: 'areachart', kind: 'stacked' });
    expect(data.stack).toBe('stacked');
    expect(xy(data)).toEqual([
      { name: 'a', x: [t(1), t(2), t(3)], y: [1, 3, 0] },
      { name: 'b', x: [t(1), t(2), t(3)], y: [0, 1, 2] },
    ]);
  });

  it('turns stacked100 areas into shares of each x', () => {
    const data = chart(columns, rows, { visualization: 'areachart', kind: 'stacked100' });
    expect(xy(data).map((s) => s.y)).toEqual([
      [100, 75, 0],
      [0, 25, 100],
    ]);
  });

  it('reads the old stackedareachart as a stacked area chart', () => {
    expect(chart(columns, rows, { visualization: 'stackedareachart' }).stack).toBe('stacked');
  });

  it('stacks columns to 100 % per category', () => {
    const data = chart(
      cols('State:string, EventType:string, n:long'),
      [
        ['TEXAS', 'Hail', 30],
        ['TEXAS', 'Flood', 10],
        ['KANSAS', 'Hail', 5],
      ],
      { visualization: 'columnchart', kind: 'stacked100' },
    );
    expect(categories(data)).toEqual({
      categories: ['TEXAS', 'KANSAS'],
      series: [
        { name: 'Hail', values: [75, 100] },
        { name: 'Flood', values: [25, NaN] },
      ],
    });
    expect(describeChart(data, null)).toBe('100% stacked column chart of n by State and EventType');
  });

  it('leaves bar charts unstacked by default, as Kusto does', () => {
    expect(chart(cols('a:string, n:long'), [['x', 1]], { visualization: 'barchart' }).stack).toBe(
      'none',
    );
  });
});

describe('buildChartData: category charts', () => {
  it('adds up rows repeating a category, in first-appearance order', () => {
    const data = chart(
      cols('State:string, n:long'),
      [
        ['TEXAS', 2],
        ['KANSAS', 1],
        ['TEXAS', 3],
        [null, 4],
      ],
      { visualization: 'columnchart' },
    );
    expect(categories(data)).toEqual({
      categories: ['TEXAS', 'KANSAS', '(empty)'],
      series: [{ name: 'n', values: [5, 1, 4] }],
    });
    expect(describeChart(data, 'Storms')).toBe('Storms: Column chart of n by State');
  });

  it('orders datetime categories in time, whatever the row order', () => {
    const data = chart(
      cols('day:datetime, n:long'),
      [
        [t(3), 1],
        [t(1), 2],
        [t(2), 3],
      ],
      { visualization: 'columnchart' },
    );
    expect(categories(data).categories).toEqual(['2007-01-01', '2007-01-02', '2007-01-03']);
    expect(categories(data).series[0]!.values).toEqual([2, 3, 1]);
  });
});

describe('buildChartData: pie charts', () => {
  it('sums each category and leaves out empty and negative values', () => {
    const data = chart(
      cols('State:string, n:long'),
      [
        ['TEXAS', 2],
        ['KANSAS', 1],
        ['TEXAS', '3'],
        ['IOWA', null],
        ['OHIO', -1],
      ],
      { visualization: 'piechart' },
    );
    expect(data.shape === 'pie' && data.slices).toEqual([
      { name: 'TEXAS', value: 5 },
      { name: 'KANSAS', value: 1 },
    ]);
    expect(data.notes).toEqual(['2 rows with an empty or negative value not drawn.']);
  });

  it('folds the smallest slices into Other beyond maxSlices', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [`c${i}`, i + 1]);
    const data = buildChartData(
      cols('c:string, n:long'),
      rows,
      vis({ visualization: 'piechart' }),
      {
        maxSlices: 4,
      },
    );
    if ('problem' in data || data.shape !== 'pie') throw new Error('expected a pie');
    expect(data.slices).toEqual([
      { name: 'c7', value: 8 },
      { name: 'c8', value: 9 },
      { name: 'c9', value: 10 },
      { name: 'Other (7)', value: 28 },
    ]);
  });
});

describe('buildChartData: problems', () => {
  it('explains a visualization Quarry does not draw', () => {
    const result = buildChartData(
      cols('a:string, n:long'),
      [['x', 1]],
      vis({ visualization: 'ladderchart' }),
    );
    expect(result).toEqual({ problem: expect.stringContaining('ladder chart') });
  });

  it('explains an empty result', () => {
    const result = buildChartData(cols('a:string, n:long'), [], vis({ visualization: 'piechart' }));
    expect(result).toEqual({ problem: 'The result has no rows to chart.' });
  });

  it('picks a time chart for a result without render that has time and numbers', () => {
    const data = chart(cols('t:datetime, n:long'), [[t(1), 1]], {});
    expect(data.kind).toBe('timechart');
  });

  it('scatter keeps row order', () => {
    const data = chart(
      cols('a:real, b:real'),
      [
        [3, 1],
        [1, 2],
        [2, 3],
      ],
      {
        visualization: 'scatterchart',
      },
    );
    expect(xy(data)).toEqual([{ name: 'b', x: [3, 1, 2], y: [1, 2, 3] }]);
  });
});
