import { describe, expect, it } from 'vitest';
import { chart, cols, vis } from './test-support/chart-builders';
import { buildChartData } from './build-chart-data';
import type { ChartData } from './chart-types';
import { describeChart } from './describe-chart';
import { buildLadderData } from './ladder';
import { unrollSeriesArrays } from './series-arrays';
import { splitSeries } from './y-split';

const day = (d: number) => Date.UTC(2007, 0, d);
const iso = (d: number) => new Date(day(d)).toISOString().replace('.000Z', '.0000000Z');

// A make-series row as the worker hands it over: dynamic cells as compact JSON text.
const seriesColumns = cols('sid:string, n:dynamic, TimeStamp:dynamic, anomalies:dynamic');
const seriesRows = [
  [
    'TS1',
    JSON.stringify([10, 11, 40, 10, 2]),
    JSON.stringify([1, 2, 3, 4, 5].map(iso)),
    JSON.stringify([0, 0, 1, 0, -1]),
  ],
];

describe('make-series arrays', () => {
  it('unrolls array cells into one row per point, typed by their elements', () => {
    const out = unrollSeriesArrays(seriesColumns, seriesRows);
    expect(out.unrolled).toBe(true);
    expect(out.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'sid:string',
      'n:real',
      'TimeStamp:datetime',
      'anomalies:real',
    ]);
    expect(out.rows).toHaveLength(5);
    expect(out.rows[2]).toEqual(['TS1', 40, day(3), 1]);
  });

  it('leaves results without arrays alone', () => {
    const rows = [['a', '{"k":1}', 3]];
    const out = unrollSeriesArrays(cols('s:string, d:dynamic, v:long'), rows);
    expect(out.unrolled).toBe(false);
    expect(out.rows).toBe(rows);
  });
});

describe('anomalychart', () => {
  it('marks the non-zero anomaly flags on the measured line, up and down', () => {
    const data = chart(seriesColumns, seriesRows, {
      visualization: 'anomalychart',
      anomalyColumns: ['anomalies'],
    });
    if (data.shape !== 'xy') throw new Error(data.shape);
    // The anomaly column is a mark, not a line; sid is the series.
    expect(data.series.map((s) => s.name)).toEqual(['TS1']);
    expect(data.anomalies).toHaveLength(1);
    const marks = data.anomalies![0]!;
    expect(marks).toMatchObject({ of: 0, name: 'TS1 (anomalies)' });
    expect(Array.from(marks.x)).toEqual([day(3), day(5)]);
    expect(Array.from(marks.y)).toEqual([40, 2]);
    expect(Array.from(marks.flag)).toEqual([1, -1]);
    expect(describeChart(data, null)).toBe('Time chart of n by sid, 2 anomalies marked');
  });

  it('says how to name the anomalies when anomalycolumns is missing', () => {
    const data = chart(seriesColumns, seriesRows, { visualization: 'anomalychart' });
    expect(data.notes[0]).toMatch(/anomalycolumns=/);
    if (data.shape !== 'xy') throw new Error(data.shape);
    expect(data.anomalies).toEqual([]);
  });

  it('names an anomaly column the result lacks', () => {
    const data = buildChartData(
      seriesColumns,
      seriesRows,
      vis({ visualization: 'anomalychart', anomalyColumns: ['flags'] }),
    );
    expect(data).toEqual({ problem: "The render names 'flags', which the result does not have." });
  });
});

describe('ladderchart', () => {
  const columns = cols('State:string, min_StartTime:datetime, max_EndTime:datetime');
  const rows = [
    ['TEXAS', iso(1), iso(20)],
    ['KANSAS', iso(5), iso(6)],
    ['IOWA', null, iso(6)],
  ];

  it('draws a rung per row from the last two columns, labelled by the others', () => {
    const data = buildLadderData(columns, rows, vis({ visualization: 'ladderchart' }));
    if ('problem' in data) throw new Error(data.problem);
    expect(data.categories).toEqual(['TEXAS', 'KANSAS']);
    expect(data.xType).toBe('time');
    expect(data.series).toHaveLength(1);
    expect(data.series[0]!.bars).toEqual([
      { category: 0, start: day(1), end: day(20) },
      { category: 1, start: day(5), end: day(6) },
    ]);
    expect(data.notes).toEqual(['1 row with an empty min_StartTime or max_EndTime not drawn.']);
    expect(describeChart(data, null)).toBe(
      'Ladder chart of State from min_StartTime – max_EndTime',
    );
  });

  it('colours by the series columns and labels rows by every other column', () => {
    const data = chart(
      cols('State:string, EventType:string, a:datetime, b:datetime'),
      [
        ['WASHINGTON', 'Heavy Rain', iso(1), iso(3)],
        ['WYOMING', 'Heavy Rain', iso(2), iso(4)],
        ['WASHINGTON', 'Flood', iso(3), iso(9)],
      ],
      { visualization: 'ladderchart', series: ['EventType'] },
    );
    if (data.shape !== 'ladder') throw new Error(data.shape);
    expect(data.categories).toEqual([
      'WASHINGTON, Heavy Rain',
      'WYOMING, Heavy Rain',
      'WASHINGTON, Flood',
    ]);
    expect(data.series.map((s) => [s.name, s.bars.length])).toEqual([
      ['Heavy Rain', 2],
      ['Flood', 1],
    ]);
  });

  it('says why when the last two columns are not times or numbers', () => {
    const data = buildLadderData(
      cols('a:datetime, b:datetime, State:string'),
      [],
      vis({ visualization: 'ladderchart' }),
    );
    expect('problem' in data && data.problem).toMatch(/last two columns/);
  });
});

describe('ysplit', () => {
  const columns = cols('t:datetime, a:long, b:long, c:long');
  const rows = [
    [day(1), 1, 100, 5],
    [day(2), 2, 200, 6],
  ];
  const split = (data: ChartData) => ('split' in data ? data.split : undefined);

  it('panels: one per y column', () => {
    const data = chart(columns, rows, { visualization: 'timechart', ySplit: 'panels' });
    expect(split(data)).toEqual({
      mode: 'panels',
      groupOfSeries: [0, 1, 2],
      groupNames: ['a', 'b', 'c'],
    });
  });

  it('axes: one y-axis per series', () => {
    const data = chart(columns, rows, { visualization: 'linechart', ySplit: 'axes' });
    expect(split(data)).toMatchObject({ mode: 'axes', groupOfSeries: [0, 1, 2] });
  });

  it('none, or a single series: nothing to split', () => {
    expect(split(chart(columns, rows, { visualization: 'timechart' }))).toBeUndefined();
    expect(
      split(
        chart(cols('t:datetime, a:long'), rows, { visualization: 'timechart', ySplit: 'axes' }),
      ),
    ).toBeUndefined();
  });

  it('panels: a single y column splits by series; at most five panels', () => {
    const notes: string[] = [];
    const names = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];
    const out = splitSeries('panels', names, ['n'], notes);
    expect(out?.groupNames).toEqual(['s1', 's2', 's3', 's4', 's5 and 2 more']);
    expect(out?.groupOfSeries).toEqual([0, 1, 2, 3, 4, 4, 4]);
    expect(notes[0]).toMatch(/at most 5 panels.*s6, s7/);
  });

  it('panels over several y columns and series: series go to their column panel', () => {
    const out = splitSeries('panels', ['x (a)', 'x (b)', 'y (a)', 'y (b)'], ['a', 'b'], []);
    expect(out?.groupOfSeries).toEqual([0, 1, 0, 1]);
  });
});
