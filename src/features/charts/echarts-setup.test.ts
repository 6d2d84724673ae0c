import { zrUtil } from 'echarts/core';
import { describe, expect, it } from 'vitest';
import { keepSeriesDataAsIs } from './echarts-setup';

describe('keepSeriesDataAsIs', () => {
  it("makes ECharts' option clone keep each series' data array instead of copying it", () => {
    const points = [
      [0, 1],
      [1, 2],
    ];
    const option = { xAxis: { type: 'time' }, series: [{ type: 'line', data: points }] };
    expect(zrUtil.clone(option).series[0]!.data).not.toBe(points);
    keepSeriesDataAsIs(option);
    const cloned = zrUtil.clone(option);
    expect(cloned.series[0]!.data).toBe(points);
    // The rest of the option is still copied.
    expect(cloned.xAxis).not.toBe(option.xAxis);
    expect(cloned.xAxis).toEqual(option.xAxis);
  });

  it('accepts a single series object, series without data, and no series', () => {
    const data = [1, 2, 3];
    const single = { series: { type: 'pie', data } };
    keepSeriesDataAsIs(single);
    expect(zrUtil.clone(single).series.data).toBe(data);
    expect(() => keepSeriesDataAsIs({ series: [{ type: 'line' }, null] })).not.toThrow();
    expect(() => keepSeriesDataAsIs({ title: { text: 'none' } })).not.toThrow();
  });
});
