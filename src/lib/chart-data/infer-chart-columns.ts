import type {
  ChartColumn,
  ChartColumnRoles,
  ChartKind,
  ChartProblem,
  ChartVisualization,
} from './chart-types';
import { isDateTimeType, isNumericType, isTextType } from './chart-values';

type Spec = Pick<ChartVisualization, 'xColumn' | 'yColumns' | 'series'>;

function indexOfColumn(columns: readonly ChartColumn[], name: string): number {
  const exact = columns.findIndex((c) => c.name === name);
  if (exact !== -1) return exact;
  const lower = name.toLowerCase();
  return columns.findIndex((c) => c.name.toLowerCase() === lower);
}

function named(
  columns: readonly ChartColumn[],
  names: readonly string[] | null,
  missing: string[],
): number[] | null {
  if (!names || names.length === 0) return null;
  const found: number[] = [];
  for (const name of names) {
    const index = indexOfColumn(columns, name);
    if (index === -1) missing.push(name);
    else if (!found.includes(index)) found.push(index);
  }
  return found;
}

const isAxisType = (c: ChartColumn) => isDateTimeType(c.type) || isNumericType(c.type);

/**
 * Which columns are x, y and series, by the render operator's rules: properties the query gave
 * win; the rest are guessed as Kusto's clients do:
 * - x: time chart → the first datetime column; line, area and scatter → the first datetime or
 *   numeric column that leaves a numeric column for y (else the first column, as categories);
 *   column, bar and pie → the first column;
 * - series: the string columns other than x;
 * - y: the numeric columns that are neither x nor series.
 */
export function inferChartColumns(
  columns: readonly ChartColumn[],
  kind: ChartKind,
  spec: Spec,
  /** Columns that play no role (anomalychart's anomaly columns, drawn as marks). */
  excluded: readonly number[] = [],
): ChartColumnRoles | ChartProblem {
  const missing: string[] = [];
  const givenX = spec.xColumn ? named(columns, [spec.xColumn], missing) : null;
  const givenYs = named(columns, spec.yColumns, missing);
  // An empty list (the chart builder's "no series") means none; null means guess.
  const givenSeries = spec.series?.length === 0 ? [] : named(columns, spec.series, missing);
  if (missing.length > 0) {
    const list = missing.map((name) => `'${name}'`).join(', ');
    return { problem: `The render names ${list}, which the result does not have.` };
  }

  const taken = new Set([...(givenYs ?? []), ...(givenSeries ?? []), ...excluded]);
  const free = (index: number) => !taken.has(index);
  let x = givenX?.[0] ?? -1;

  if (x === -1) {
    if (kind === 'timechart') {
      x = columns.findIndex((c, i) => free(i) && isDateTimeType(c.type));
      if (x === -1) {
        return {
          problem: 'A time chart needs a datetime column for its x-axis; the result has none.',
        };
      }
    } else if (kind === 'linechart' || kind === 'areachart' || kind === 'scatterchart') {
      const leavesY = (candidate: number) =>
        givenYs
          ? givenYs.some((y) => y !== candidate)
          : columns.some((c, i) => i !== candidate && free(i) && isNumericType(c.type));
      x = columns.findIndex((c, i) => free(i) && isAxisType(c) && leavesY(i));
      if (x === -1) x = columns.findIndex((_, i) => free(i));
    } else {
      x = columns.findIndex((_, i) => free(i));
    }
  }
  if (x === -1) return { problem: 'Nothing to chart: no column is left for the x-axis.' };

  const series =
    givenSeries ?? columns.flatMap((c, i) => (i !== x && free(i) && isTextType(c.type) ? [i] : []));
  const ys =
    givenYs ??
    columns.flatMap((c, i) =>
      i !== x && !series.includes(i) && free(i) && isNumericType(c.type) ? [i] : [],
    );
  if (ys.length === 0) {
    return { problem: 'Nothing to chart: the result has no numeric column for the y-axis.' };
  }
  return { x, ys, series };
}
