import type {
  ChartColumn,
  ChartData,
  ChartProblem,
  ChartVisualization,
  LadderSeries,
} from './chart-types';
import { axisReader, isDateTimeType, isNumericType, labelReader } from './chart-values';

type LadderData = Extract<ChartData, { shape: 'ladder' }>;

const EMPTY_LABEL = '(empty)';

function indexOf(columns: readonly ChartColumn[], name: string): number {
  const exact = columns.findIndex((c) => c.name === name);
  return exact !== -1
    ? exact
    : columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
}

/**
 * `render ladderchart`: "the last two columns are the x-axis, and the other columns are the
 * y-axis" (visualization-ladderchart.md). Each row is a rung from the first of the two x values
 * to the second, on the row labelled by its other columns' values; `series` columns, when given,
 * colour the rungs (one legend entry per combined value). Rows keep result order, top to bottom;
 * a row whose start is after its end is drawn from the earlier to the later value.
 */
export function buildLadderData(
  columns: readonly ChartColumn[],
  rows: readonly (readonly unknown[])[],
  visualization: ChartVisualization,
): LadderData | ChartProblem {
  if (columns.length < 3) {
    return {
      problem:
        'A ladder chart needs a label column and two x columns (start and end); the result has fewer.',
    };
  }
  const startIndex = columns.length - 2;
  const endIndex = columns.length - 1;
  const start = columns[startIndex]!;
  const end = columns[endIndex]!;
  const onAxis = (c: ChartColumn) => isDateTimeType(c.type) || isNumericType(c.type);
  if (!onAxis(start) || !onAxis(end)) {
    return {
      problem: `A ladder chart draws from its last two columns, which must be datetimes or numbers; ${start.name} is ${start.type} and ${end.name} is ${end.type}.`,
    };
  }
  const labelIndexes = columns.slice(0, startIndex).map((_, i) => i);
  const missing: string[] = [];
  const seriesIndexes = (visualization.series ?? []).flatMap((name) => {
    const index = indexOf(columns, name);
    if (index === -1) missing.push(name);
    return index === -1 ? [] : [index];
  });
  if (missing.length > 0) {
    return {
      problem: `The render names ${missing.map((n) => `'${n}'`).join(', ')}, which the result does not have.`,
    };
  }
  if (rows.length === 0) return { problem: 'The result has no rows to chart.' };

  const labelReaders = labelIndexes.map((i) => labelReader(columns[i]!.type));
  const seriesReaders = seriesIndexes.map((i) => labelReader(columns[i]!.type));
  const readStart = axisReader(start.type);
  const readEnd = axisReader(end.type);

  const categories: string[] = [];
  const categoryIndex = new Map<string, number>();
  const series: LadderSeries[] = [];
  const seriesIndex = new Map<string, number>();
  let skipped = 0;
  for (const row of rows) {
    const a = readStart(row[startIndex]);
    const b = readEnd(row[endIndex]);
    if (Number.isNaN(a) || Number.isNaN(b)) {
      skipped++;
      continue;
    }
    const label =
      labelIndexes.map((i, k) => labelReaders[k]!(row[i]) || EMPTY_LABEL).join(', ') || EMPTY_LABEL;
    let category = categoryIndex.get(label);
    if (category === undefined) {
      category = categories.length;
      categoryIndex.set(label, category);
      categories.push(label);
    }
    const key =
      seriesIndexes.length === 0
        ? `${start.name} – ${end.name}`
        : seriesIndexes.map((i, k) => seriesReaders[k]!(row[i]) || EMPTY_LABEL).join(', ');
    let s = seriesIndex.get(key);
    if (s === undefined) {
      s = series.length;
      seriesIndex.set(key, s);
      series.push({ name: key, bars: [] });
    }
    series[s]!.bars.push({ category, start: Math.min(a, b), end: Math.max(a, b) });
  }
  const notes: string[] = [];
  if (skipped > 0) {
    notes.push(
      `${skipped.toLocaleString('en-US')} ${skipped === 1 ? 'row' : 'rows'} with an empty ${start.name} or ${end.name} not drawn.`,
    );
  }
  if (categories.length === 0) return { problem: 'No row has both a start and an end to draw.' };
  return {
    shape: 'ladder',
    kind: 'ladderchart',
    stack: 'none',
    roles: { x: startIndex, ys: labelIndexes, series: seriesIndexes },
    xName: `${start.name} – ${end.name}`,
    yNames: labelIndexes.map((i) => columns[i]!.name),
    seriesNames: seriesIndexes.map((i) => columns[i]!.name),
    notes,
    categories,
    xType: isDateTimeType(start.type) ? 'time' : 'value',
    series,
  };
}
