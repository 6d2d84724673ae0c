import { buildChartData } from '../build-chart-data';
import type { ChartColumn, ChartVisualization } from '../chart-types';

/** A visualization with every property unset but the overrides. */
export const vis = (overrides: Partial<ChartVisualization> = {}): ChartVisualization => ({
  visualization: null,
  title: null,
  xColumn: null,
  series: null,
  yColumns: null,
  xTitle: null,
  yTitle: null,
  legend: null,
  kind: null,
  accumulate: false,
  yMin: null,
  yMax: null,
  xAxis: null,
  yAxis: null,
  ...overrides,
});

/** Columns from "name:type, name:type". */
export const cols = (spec: string): ChartColumn[] =>
  spec.split(',').map((pair) => {
    const [name, type] = pair.trim().split(':');
    return { name: name!, type: type! };
  });

/** The chart data for these rows, or a thrown problem (a test that expects a chart). */
export function chart(columns: ChartColumn[], rows: unknown[][], v: Partial<ChartVisualization>) {
  const data = buildChartData(columns, rows, vis(v));
  if ('problem' in data) throw new Error(data.problem);
  return data;
}
