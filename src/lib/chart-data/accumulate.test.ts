import { describe, expect, it } from 'vitest';
import { accumulateChartData } from './accumulate';
import type { ChartData } from './chart-types';

describe('accumulateChartData', () => {
  it('turns each series into its running total, keeping gaps', () => {
    const data: ChartData = {
      kind: 'columnchart',
      stack: 'none',
      roles: { x: 0, ys: [1], series: [] },
      xName: 'x',
      yNames: ['y'],
      seriesNames: [],
      notes: [],
      shape: 'category',
      xType: 'category',
      categories: ['a', 'b', 'c', 'd'],
      series: [{ name: 'y', values: Float64Array.from([1, 2, NaN, 4]) }],
    };
    const out = accumulateChartData(data);
    expect(out.shape === 'category' && Array.from(out.series[0]!.values)).toEqual([1, 3, NaN, 7]);
  });
});
