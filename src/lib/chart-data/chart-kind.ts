import type { ChartColumn, ChartKind, ChartProblem, StackMode } from './chart-types';
import { isDateTimeType, isNumericType } from './chart-values';

export interface ChartChoice {
  kind: ChartKind;
  stack: StackMode;
  /** Said under the chart when the drawing differs from what the query asked for. */
  note: string | null;
}

const DRAWN: Record<string, ChartKind> = {
  timechart: 'timechart',
  anomalychart: 'timechart',
  linechart: 'linechart',
  areachart: 'areachart',
  stackedareachart: 'areachart',
  columnchart: 'columnchart',
  barchart: 'barchart',
  piechart: 'piechart',
  scatterchart: 'scatterchart',
  ladderchart: 'ladderchart',
};

const NAMES: Record<string, string> = {
  timechart: 'time chart',
  anomalychart: 'anomaly chart',
  linechart: 'line chart',
  areachart: 'area chart',
  stackedareachart: 'stacked area chart',
  columnchart: 'column chart',
  barchart: 'bar chart',
  piechart: 'pie chart',
  scatterchart: 'scatter chart',
  ladderchart: 'ladder chart',
  pivotchart: 'pivot chart',
  timepivot: 'time pivot',
  treemap: 'treemap',
  card: 'card',
  sankey: 'Sankey diagram',
  '3dchart': '3D chart',
  plotly: 'Plotly chart',
  list: 'list',
};

/** "time chart", "ladder chart"… for messages; unknown names are shown as written. */
export function visualizationName(visualization: string): string {
  return NAMES[visualization.toLowerCase()] ?? visualization;
}

function stackOf(kind: string | null, visualization: string): StackMode {
  const k = (kind ?? '').toLowerCase();
  if (k === 'stacked100') return 'stacked100';
  if (k === 'stacked') return 'stacked';
  // `stackedareachart` is the old spelling of `areachart with (kind=stacked)`.
  if (visualization === 'stackedareachart' && k !== 'unstacked') return 'stacked';
  return 'none';
}

/**
 * The chart to draw for a render request, or why it cannot be drawn. With no render (or
 * `render table`) a chart is picked from the columns: time chart when there is a datetime and
 * a number, column chart for text and numbers, line chart for numbers only.
 */
export function chooseChart(
  visualization: string | null,
  kind: string | null,
  columns: readonly ChartColumn[],
): ChartChoice | ChartProblem {
  const name = (visualization ?? '').toLowerCase();
  if (name === '' || name === 'table') return autoChart(columns);

  const drawn = DRAWN[name];
  if (!drawn) {
    return {
      problem: `Quarry cannot draw a ${visualizationName(name)} yet. The table shows the data.`,
    };
  }
  if ((drawn === 'piechart' || drawn === 'scatterchart') && kind?.toLowerCase() === 'map') {
    return { problem: 'Quarry cannot draw maps yet. The table shows the data.' };
  }
  const stackable = drawn === 'areachart' || drawn === 'columnchart' || drawn === 'barchart';
  return {
    kind: drawn,
    stack: stackable ? stackOf(kind, name) : 'none',
    note: null,
  };
}

function autoChart(columns: readonly ChartColumn[]): ChartChoice | ChartProblem {
  const numeric = columns.filter((c) => isNumericType(c.type)).length;
  const hasDateTime = columns.some((c) => isDateTimeType(c.type));
  if (numeric === 0) return { problem: 'Nothing to chart: the result has no numeric column.' };
  if (hasDateTime) return { kind: 'timechart', stack: 'none', note: null };
  if (numeric < columns.length) return { kind: 'columnchart', stack: 'none', note: null };
  if (numeric >= 2) return { kind: 'linechart', stack: 'none', note: null };
  return { problem: 'Nothing to chart: the result has a single numeric column.' };
}

export function isProblem(value: object): value is ChartProblem {
  return 'problem' in value;
}
