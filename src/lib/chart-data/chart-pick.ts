import { chooseChart, isProblem } from './chart-kind';
import type { ChartColumn, ChartKind, ChartVisualization } from './chart-types';
import { isNumericType } from './chart-values';
import { inferChartColumns } from './infer-chart-columns';

/** The chart kinds the chart builder offers, with their labels. */
export const BUILDER_KINDS: readonly { kind: ChartKind; label: string }[] = [
  { kind: 'columnchart', label: 'Column' },
  { kind: 'barchart', label: 'Bar' },
  { kind: 'linechart', label: 'Line' },
  { kind: 'areachart', label: 'Area' },
  { kind: 'scatterchart', label: 'Scatter' },
  { kind: 'piechart', label: 'Pie' },
  { kind: 'timechart', label: 'Time chart' },
];

export type PickStack = 'unstacked' | 'stacked' | 'stacked100';

/** What the chart builder draws for a result without `render`: the render properties it sets. */
export interface ChartPick {
  kind: ChartKind;
  x: string;
  ys: string[];
  /** Null: no series column. */
  series: string | null;
  stack: PickStack;
}

/** Only these stack (the `kind` property of render-operator.md). */
export function isStackable(kind: ChartKind): boolean {
  return kind === 'areachart' || kind === 'columnchart' || kind === 'barchart';
}

/** Columns the builder offers for y: numbers, and dynamic (make-series arrays). */
export function yCandidates(columns: readonly ChartColumn[]): ChartColumn[] {
  return columns.filter((c) => isNumericType(c.type) || c.type.toLowerCase() === 'dynamic');
}

/**
 * A first pick from the column types, as Kusto's clients guess (chooseChart without a render,
 * then inferChartColumns): a time chart for a datetime and a number, a column chart for text and
 * numbers, a line chart for numbers only. Null when nothing can be charted (no numeric column).
 */
export function defaultChartPick(columns: readonly ChartColumn[]): ChartPick | null {
  const choice = chooseChart(null, null, columns);
  if (isProblem(choice)) return null;
  const roles = inferChartColumns(columns, choice.kind, {
    xColumn: null,
    yColumns: null,
    series: null,
  });
  if (isProblem(roles)) return null;
  return {
    kind: choice.kind,
    x: columns[roles.x]!.name,
    ys: roles.ys.map((i) => columns[i]!.name),
    // One series column at most: the builder's choice is a single column.
    series: roles.series.length > 0 ? columns[roles.series[0]!]!.name : null,
    stack: 'unstacked',
  };
}

/**
 * The remembered pick if it still fits the result's columns (x and every y exist; the series
 * column exists or is dropped), else the default for these columns.
 */
export function reconcilePick(
  pick: ChartPick | null,
  columns: readonly ChartColumn[],
): ChartPick | null {
  if (!pick) return defaultChartPick(columns);
  const names = new Set(columns.map((c) => c.name));
  if (!names.has(pick.x) || pick.ys.length === 0 || !pick.ys.every((y) => names.has(y))) {
    return defaultChartPick(columns);
  }
  return { ...pick, series: pick.series && names.has(pick.series) ? pick.series : null };
}

/** The render properties of a pick, for the same drawing code a `render` uses. */
export function pickToVisualization(pick: ChartPick): ChartVisualization {
  return {
    visualization: pick.kind,
    title: null,
    xColumn: pick.x,
    yColumns: pick.ys,
    series: pick.series ? [pick.series] : [],
    xTitle: null,
    yTitle: null,
    legend: null,
    kind: isStackable(pick.kind) && pick.stack !== 'unstacked' ? pick.stack : null,
    accumulate: false,
    yMin: null,
    yMax: null,
    xAxis: null,
    yAxis: null,
  };
}
