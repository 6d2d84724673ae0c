import { describe, expect, it } from 'vitest';
import { vis } from '../../lib/chart-data/test-support/chart-builders';
import { buildChartData } from '../../lib/chart-data/build-chart-data';
import type { ChartColumn, ChartData, ChartVisualization } from '../../lib/chart-data/chart-types';
import {
  buildEChartsOption,
  formatTooltipValue,
  summarizeOption,
  xyPoints,
  zoomWindow,
  type ChartOption,
} from './build-echarts-option';
import { defaultChartPalette } from './chart-palette';

const size = { width: 1000, height: 400 };
const t0 = Date.UTC(2007, 0, 1);

function shaped(columns: ChartColumn[], rows: unknown[][], v: ChartVisualization): ChartData {
  const data = buildChartData(columns, rows, v);
  if ('problem' in data) throw new Error(data.problem);
  return data;
}

function option(columns: ChartColumn[], rows: unknown[][], v: Partial<ChartVisualization>) {
  const visualization = vis(v);
  const data = shaped(columns, rows, visualization);
  return buildEChartsOption({ data, visualization, palette: defaultChartPalette('light'), size });
}

// ECharts option fields are unions of object-or-array; the tests read the one object we build.
const one = <T>(value: T | T[] | undefined): T => (Array.isArray(value) ? value[0]! : value!);
const seriesOf = (o: ChartOption) => (Array.isArray(o.series) ? o.series : [o.series!]);
const stackOf = (s: ReturnType<typeof seriesOf>[number]) => ('stack' in s ? s.stack : undefined);

const byState = [
  ['TEXAS', 'Hail', 30],
  ['TEXAS', 'Flood', 10],
  ['KANSAS', 'Hail', 5],
];
const stateColumns: ChartColumn[] = [
  { name: 'State', type: 'string' },
  { name: 'EventType', type: 'string' },
  { name: 'n', type: 'long' },
];

describe('buildEChartsOption', () => {
  it('draws tooltips on the canvas, never as HTML', () => {
    const o = option(stateColumns, byState, { visualization: 'columnchart' });
    expect(one(o.tooltip)).toMatchObject({ renderMode: 'richText' });
  });

  it('time chart: a UTC time axis fixed to the data extent', () => {
    const o = option(
      [
        { name: 't', type: 'datetime' },
        { name: 'n', type: 'long' },
      ],
      [
        [t0, 1],
        [t0 + 86_400_000, 2],
      ],
      { visualization: 'timechart', xTitle: 'Day', yTitle: 'Events' },
    );
    expect(o.useUTC).toBe(true);
    expect(one(o.xAxis)).toMatchObject({
      type: 'time',
      min: t0,
      max: t0 + 86_400_000,
      name: 'Day',
    });
    expect(one(o.yAxis)).toMatchObject({ type: 'value', name: 'Events' });
    expect(seriesOf(o)[0]).toMatchObject({
      type: 'line',
      data: [
        [t0, 1],
        [t0 + 86_400_000, 2],
      ],
    });
  });

  it('stacks columns and puts a 100 % scale on stacked100', () => {
    const stacked = option(stateColumns, byState, {
      visualization: 'columnchart',
      kind: 'stacked',
    });
    expect(seriesOf(stacked).map(stackOf)).toEqual(['total', 'total']);
    const full = option(stateColumns, byState, {
      visualization: 'columnchart',
      kind: 'stacked100',
    });
    expect(one(full.yAxis)).toMatchObject({ max: 100, axisLabel: { formatter: '{value}%' } });
    const plain = seriesOf(option(stateColumns, byState, { visualization: 'columnchart' }));
    expect(stackOf(plain[0]!)).toBeUndefined();
  });

  it('bar chart: categories down the y-axis in result order, values along x', () => {
    const o = option(stateColumns, byState, { visualization: 'barchart' });
    expect(one(o.yAxis)).toMatchObject({
      type: 'category',
      data: ['TEXAS', 'KANSAS'],
      inverse: true,
    });
    expect(one(o.xAxis)).toMatchObject({ type: 'value' });
  });

  it('log y-axis: a log scale, zero and negatives become gaps', () => {
    const o = option(
      [
        { name: 'x', type: 'long' },
        { name: 'y', type: 'real' },
      ],
      [
        [1, 10],
        [2, 0],
        [3, -5],
        [4, 1000],
      ],
      { visualization: 'linechart', yAxis: 'log' },
    );
    expect(one(o.yAxis)).toMatchObject({ type: 'log' });
    expect(seriesOf(o)[0]!.data).toEqual([
      [1, 10],
      [2, null],
      [3, null],
      [4, 1000],
    ]);
  });

  it('applies ymin/ymax and hides the legend when asked', () => {
    const o = option(stateColumns, byState, {
      visualization: 'columnchart',
      yMin: 0,
      yMax: 50,
      legend: 'hidden',
    });
    expect(one(o.yAxis)).toMatchObject({ min: 0, max: 50 });
    expect(o.legend).toBeUndefined();
    expect(option(stateColumns, byState, { visualization: 'columnchart' }).legend).toBeDefined();
  });

  it('pie chart: slices as name/value items', () => {
    const o = option(
      [
        { name: 'State', type: 'string' },
        { name: 'n', type: 'long' },
      ],
      [
        ['TEXAS', 3],
        ['KANSAS', 1],
      ],
      { visualization: 'piechart', title: 'Share' },
    );
    expect(seriesOf(o)[0]).toMatchObject({
      type: 'pie',
      data: [
        { name: 'TEXAS', value: 3 },
        { name: 'KANSAS', value: 1 },
      ],
    });
    expect(one(o.title)).toMatchObject({ text: 'Share' });
  });

  it('hands ECharts a decimated half-million-point series with its spike', () => {
    const rows: unknown[][] = [];
    for (let i = 0; i < 500_000; i++) rows.push([t0 + i * 1000, i === 321_000 ? 999 : i % 10]);
    const o = option(
      [
        { name: 't', type: 'datetime' },
        { name: 'v', type: 'real' },
      ],
      rows,
      { visualization: 'timechart' },
    );
    const data = seriesOf(o)[0]!.data as [number, number][];
    expect(data.length).toBeLessThanOrEqual(2 * size.width);
    expect(Math.max(...data.map((p) => p[1]))).toBe(999);
    expect(o.animation).toBe(false);
  });
});

describe('xyPoints', () => {
  it('keeps stacked series on the same x after decimation', () => {
    const rows: unknown[][] = [];
    for (let i = 0; i < 20_000; i++) {
      rows.push([t0 + i * 1000, 'a', (i * 7) % 13], [t0 + i * 1000, 'b', (i * 5) % 11]);
    }
    const data = shaped(
      [
        { name: 't', type: 'datetime' },
        { name: 's', type: 'string' },
        { name: 'n', type: 'long' },
      ],
      rows,
      vis({ visualization: 'areachart', kind: 'stacked' }),
    );
    if (data.shape !== 'xy') throw new Error('expected xy');
    const [a, b] = xyPoints(data, { width: 200, height: 100 });
    expect(a!.length).toBeLessThan(20_000);
    expect(a!.map((p) => p[0])).toEqual(b!.map((p) => p[0]));
  });
});

describe('zoomWindow', () => {
  it('maps zoom percentages onto the fixed extent', () => {
    expect(zoomWindow({ min: 100, max: 300 }, 25, 50)).toEqual({ from: 150, to: 200 });
  });
});

describe('formatTooltipValue', () => {
  it('rounds to six decimals and shows gaps as a dash', () => {
    expect(formatTooltipValue(69.84973213714119)).toBe('69.849732');
    expect(formatTooltipValue(1234567)).toBe('1,234,567');
    expect(formatTooltipValue(null)).toBe('-');
    expect(formatTooltipValue([1, 2.5])).toBe('1, 2.5');
  });
});

describe('buildEChartsOption: the render kinds added with issue 14', () => {
  const tsColumns: ChartColumn[] = [
    { name: 't', type: 'datetime' },
    { name: 'a', type: 'long' },
    { name: 'b', type: 'long' },
  ];
  const tsRows = [
    [t0, 1, 100],
    [t0 + 86_400_000, 2, 200],
    [t0 + 2 * 86_400_000, 3, 150],
  ];

  it('ysplit=panels: a grid, x-axis and y-axis per panel, series placed on theirs', () => {
    const o = option(tsColumns, tsRows, { visualization: 'timechart', ySplit: 'panels' });
    const summary = summarizeOption(o);
    expect(summary.grids).toBe(2);
    expect(summary.yAxes).toBe(2);
    expect(summary.series.map((s) => [s.name, s.gridOf, s.yAxisIndex])).toEqual([
      ['a', 0, 0],
      ['b', 1, 1],
    ]);
    // Panels do not overlap: the second starts below the first one's end.
    const grids = o.grid as { top: number; height: number }[];
    expect(grids[1]!.top).toBeGreaterThan(grids[0]!.top + grids[0]!.height);
    // The zoom moves every panel.
    expect((o.dataZoom as { xAxisIndex: number[] }[])[0]!.xAxisIndex).toEqual([0, 1]);
  });

  it('ysplit=axes: one grid, a y-axis per series on alternating sides', () => {
    const o = option(tsColumns, tsRows, { visualization: 'linechart', ySplit: 'axes' });
    const axes = o.yAxis as { position: string; name: string }[];
    expect(axes.map((a) => [a.name, a.position])).toEqual([
      ['a', 'left'],
      ['b', 'right'],
    ]);
    expect(summarizeOption(o).series.map((s) => s.yAxisIndex)).toEqual([0, 1]);
  });

  it('anomalychart: a marker series after the lines, triangles up and down', () => {
    const o = option(
      [
        { name: 't', type: 'datetime' },
        { name: 'n', type: 'long' },
        { name: 'flag', type: 'long' },
      ],
      [
        [t0, 10, 0],
        [t0 + 1, 50, 1],
        [t0 + 2, 0, -1],
      ],
      { visualization: 'anomalychart', anomalyColumns: ['flag'] },
    );
    const series = seriesOf(o);
    expect(series.map((s) => s.type)).toEqual(['line', 'scatter']);
    const marks = series[1] as { name: string; data: { value: number[]; symbolRotate: number }[] };
    expect(marks.name).toBe('flag');
    expect(marks.data).toEqual([
      { value: [t0 + 1, 50], symbolRotate: 0 },
      { value: [t0 + 2, 0], symbolRotate: 180 },
    ]);
  });

  it('ladderchart: a custom series per colour, rows as an inverted category axis', () => {
    const o = option(
      [
        { name: 'State', type: 'string' },
        { name: 'from', type: 'datetime' },
        { name: 'to', type: 'datetime' },
      ],
      [
        ['TEXAS', t0, t0 + 5 * 86_400_000],
        ['KANSAS', t0 + 86_400_000, t0 + 2 * 86_400_000],
      ],
      { visualization: 'ladderchart' },
    );
    expect(one(o.yAxis)).toMatchObject({ type: 'category', inverse: true });
    expect(one(o.xAxis)).toMatchObject({ type: 'time' });
    const summary = summarizeOption(o);
    expect(summary.categories).toEqual(['TEXAS', 'KANSAS']);
    expect(summary.series).toEqual([
      { type: 'custom', name: 'from – to', points: 2, yAxisIndex: 0, gridOf: 0 },
    ]);
    // The tooltip is plain text built from the rung.
    const tooltip = one(o.tooltip) as { formatter: (p: unknown) => string; renderMode: string };
    expect(tooltip.renderMode).toBe('richText');
    expect(tooltip.formatter({ seriesName: 'x', value: [t0, t0 + 86_400_000, 1] })).toBe(
      'KANSAS\n2007-01-01 – 2007-01-02',
    );
  });
});
