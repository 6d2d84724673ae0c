import type { ChartData } from './chart-types';

/**
 * `render … with (accumulate=true)`: each series shows its running total (in x order), as the
 * Kusto docs describe. Gaps (NaN) add nothing and stay gaps. Pies are left as they are.
 */
export function accumulateChartData(data: ChartData): ChartData {
  const running = (values: Float64Array): Float64Array => {
    const out = new Float64Array(values.length);
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (Number.isNaN(v)) {
        out[i] = NaN;
        continue;
      }
      sum += v;
      out[i] = sum;
    }
    return out;
  };
  if (data.shape === 'xy') {
    if (data.kind === 'scatterchart') return data;
    return { ...data, series: data.series.map((s) => ({ ...s, y: running(s.y) })) };
  }
  if (data.shape === 'category') {
    return { ...data, series: data.series.map((s) => ({ ...s, values: running(s.values) })) };
  }
  return data;
}
