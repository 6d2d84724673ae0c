import { describe, expect, it } from 'vitest';
import { chooseChart } from './chart-kind';
import type { ChartColumn } from './chart-types';

const cols = (...types: string[]): ChartColumn[] =>
  types.map((type, i) => ({ name: `c${i}`, type }));

describe('chooseChart', () => {
  it('reads the stacking kind of area, column and bar charts', () => {
    expect(chooseChart('columnchart', 'stacked100', [])).toMatchObject({ stack: 'stacked100' });
    expect(chooseChart('areachart', 'Stacked', [])).toMatchObject({ stack: 'stacked' });
    expect(chooseChart('areachart', 'unstacked', [])).toMatchObject({ stack: 'none' });
    expect(chooseChart('stackedareachart', 'unstacked', [])).toMatchObject({ stack: 'none' });
    // Time charts have no stacked form.
    expect(chooseChart('timechart', 'stacked', [])).toMatchObject({ stack: 'none' });
  });

  it('draws an anomaly chart as a time chart (its marks come from anomalycolumns)', () => {
    expect(chooseChart('anomalychart', null, [])).toEqual({
      kind: 'timechart',
      stack: 'none',
      note: null,
    });
    expect(chooseChart('ladderchart', null, [])).toEqual({
      kind: 'ladderchart',
      stack: 'none',
      note: null,
    });
  });

  it('names what it cannot draw', () => {
    expect(chooseChart('card', null, [])).toEqual({
      problem: 'Quarry cannot draw a card yet. The table shows the data.',
    });
    expect(chooseChart('piechart', 'map', [])).toEqual({
      problem: 'Quarry cannot draw maps yet. The table shows the data.',
    });
    expect(chooseChart('fancychart', null, [])).toMatchObject({
      problem: expect.stringContaining('fancychart'),
    });
  });

  it('picks a chart from the columns when the query has no render', () => {
    expect(chooseChart(null, null, cols('datetime', 'long'))).toMatchObject({ kind: 'timechart' });
    expect(chooseChart('table', null, cols('string', 'long'))).toMatchObject({
      kind: 'columnchart',
    });
    expect(chooseChart(null, null, cols('real', 'real'))).toMatchObject({ kind: 'linechart' });
    expect(chooseChart(null, null, cols('string', 'bool'))).toMatchObject({
      problem: expect.stringContaining('no numeric column'),
    });
  });
});
