import { chooseChart, isProblem } from './chart-kind';
import type {
  AnomalyMarks,
  CategorySeries,
  ChartColumn,
  ChartColumnRoles,
  ChartData,
  ChartKind,
  ChartProblem,
  ChartVisualization,
  PieSlice,
  StackMode,
  XYSeries,
} from './chart-types';
import { axisReader, isDateTimeType, isNumericType, labelReader, toNumber } from './chart-values';
import { inferChartColumns } from './infer-chart-columns';
import { buildLadderData } from './ladder';
import { unrollSeriesArrays } from './series-arrays';
import { splitSeries } from './y-split';

export interface BuildChartOptions {
  /** More series than this are left out (with a note): a legend of thousands helps nobody. */
  maxSeries?: number;
  /** More slices than this are folded into one "Other" slice. */
  maxSlices?: number;
}

const DEFAULT_MAX_SERIES = 100;
const DEFAULT_MAX_SLICES = 50;
const EMPTY_LABEL = '(empty)';

const count = (n: number) => n.toLocaleString('en-US');
const rowsWord = (n: number) => `${count(n)} ${n === 1 ? 'row' : 'rows'}`;

interface Context {
  columns: readonly ChartColumn[];
  rows: readonly (readonly unknown[])[];
  roles: ChartColumnRoles;
  kind: ChartKind;
  stack: StackMode;
  accumulate: boolean;
  maxSeries: number;
  notes: string[];
  /** Label readers of the series columns, chosen once. */
  seriesLabels: ((value: unknown) => string)[];
  /** anomalychart: the columns whose non-zero values are marked on the first y column's line. */
  anomalyColumns: number[];
  anomalies: AnomalyMarks[];
}

/**
 * Shapes a result for drawing: picks the chart and the columns' roles (see `inferChartColumns`),
 * then builds series over a time/value axis, series over categories, or pie slices. Values are
 * plain numbers (NaN = null); stacking to 100 %, accumulation and the series cap are applied
 * here so the drawing code only draws.
 */
export function buildChartData(
  resultColumns: readonly ChartColumn[],
  resultRows: readonly (readonly unknown[])[],
  visualization: ChartVisualization,
  options: BuildChartOptions = {},
): ChartData | ChartProblem {
  // make-series rows hold arrays: one row per point from here on.
  const { columns, rows } = unrollSeriesArrays(resultColumns, resultRows);
  const choice = chooseChart(visualization.visualization, visualization.kind, columns);
  if (isProblem(choice)) return choice;
  if (choice.kind === 'ladderchart') return buildLadderData(columns, rows, visualization);

  const notes: string[] = choice.note ? [choice.note] : [];
  const anomalyColumns = anomalyColumnsOf(visualization, columns, notes);
  if (isProblem(anomalyColumns)) return anomalyColumns;
  const roles = inferChartColumns(columns, choice.kind, visualization, anomalyColumns);
  if (isProblem(roles)) return roles;
  if (rows.length === 0) return { problem: 'The result has no rows to chart.' };

  const context: Context = {
    columns,
    rows,
    roles,
    kind: choice.kind,
    stack: choice.stack,
    accumulate: visualization.accumulate,
    maxSeries: options.maxSeries ?? DEFAULT_MAX_SERIES,
    notes,
    seriesLabels: roles.series.map((i) => labelReader(columns[i]!.type)),
    anomalyColumns,
    anomalies: [],
  };
  const yNames = roles.ys.map((i) => columns[i]!.name);
  const names = {
    kind: choice.kind,
    stack: choice.stack,
    roles,
    xName: columns[roles.x]!.name,
    yNames,
    seriesNames: roles.series.map((i) => columns[i]!.name),
    notes: context.notes,
  };
  const split = (series: readonly { name: string }[]) =>
    splitSeries(
      visualization.ySplit,
      series.map((s) => s.name),
      yNames,
      context.notes,
    );

  if (choice.kind === 'piechart') {
    return { ...names, shape: 'pie', slices: buildSlices(context, options.maxSlices) };
  }
  const xType = columns[roles.x]!.type;
  const onAxis =
    choice.kind !== 'columnchart' &&
    choice.kind !== 'barchart' &&
    (isDateTimeType(xType) || isNumericType(xType));
  if (onAxis) {
    const series = buildXYSeries(context);
    return {
      ...names,
      shape: 'xy',
      xType: isDateTimeType(xType) ? 'time' : 'value',
      series,
      anomalies: context.anomalies,
      split: split(series),
    };
  }
  const { categories, series } = buildCategorySeries(context);
  return {
    ...names,
    shape: 'category',
    xType: 'category',
    categories,
    series,
    split: split(series),
  };
}

/**
 * anomalychart's `anomalycolumns` (render-operator.md: "columns which are considered as anomaly
 * series and displayed as points on the chart"). Without it nothing is marked, and the chart
 * says how to name them.
 */
function anomalyColumnsOf(
  visualization: ChartVisualization,
  columns: readonly ChartColumn[],
  notes: string[],
): number[] | ChartProblem {
  const isAnomalyChart = visualization.visualization?.toLowerCase() === 'anomalychart';
  const names = visualization.anomalyColumns ?? [];
  if (!isAnomalyChart) return [];
  if (names.length === 0) {
    notes.push(
      'No anomalies are marked: name the flag column, e.g. render anomalychart with (anomalycolumns=anomalies).',
    );
    return [];
  }
  const missing: string[] = [];
  const found = names.flatMap((name) => {
    let index = columns.findIndex((c) => c.name === name);
    if (index === -1) index = columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
    if (index === -1) missing.push(name);
    return index === -1 ? [] : [index];
  });
  if (missing.length > 0) {
    const list = missing.map((name) => `'${name}'`).join(', ');
    return { problem: `The render names ${list}, which the result does not have.` };
  }
  return found;
}

function seriesKeyOf(context: Context, row: readonly unknown[]): string {
  const { series } = context.roles;
  if (series.length === 0) return '';
  if (series.length === 1) return context.seriesLabels[0]!(row[series[0]!]) || EMPTY_LABEL;
  return series.map((index, i) => context.seriesLabels[i]!(row[index]) || EMPTY_LABEL).join(', ');
}

function seriesName(context: Context, key: string, yIndex: number): string {
  const yName = context.columns[context.roles.ys[yIndex]!]!.name;
  if (context.roles.series.length === 0) return yName;
  return context.roles.ys.length === 1 ? key : `${key} (${yName})`;
}

/** Groups rows by series key (first appearance order), keeping at most `maxSeries` keys. */
function groupRows(context: Context): { keys: string[]; groupOfRow: Int32Array } {
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  const groupOfRow = new Int32Array(context.rows.length);
  let dropped = 0;
  const perKey = context.roles.ys.length;
  for (let r = 0; r < context.rows.length; r++) {
    const key = seriesKeyOf(context, context.rows[r]!);
    let group = keyIndex.get(key);
    if (group === undefined) {
      if (keys.length * perKey >= context.maxSeries) {
        group = -1;
        dropped++;
      } else {
        group = keys.length;
        keys.push(key);
      }
      keyIndex.set(key, group);
    }
    groupOfRow[r] = group;
  }
  if (dropped > 0) {
    const total = (keys.length + dropped) * perKey;
    context.notes.push(
      `Showing the first ${count(keys.length * perKey)} of ${count(total)} series.`,
    );
  }
  return { keys, groupOfRow };
}

function accumulateInPlace(values: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isNaN(value)) sum += value;
    values[i] = sum;
  }
}

function buildXYSeries(context: Context): XYSeries[] {
  const { rows, roles, columns } = context;
  const readX = axisReader(columns[roles.x]!.type);
  const { keys, groupOfRow } = groupRows(context);
  const sizes = new Int32Array(keys.length);
  const xs = new Float64Array(rows.length);
  let skipped = 0;
  for (let r = 0; r < rows.length; r++) {
    xs[r] = readX(rows[r]![roles.x]);
    if (Number.isNaN(xs[r]!)) {
      skipped++;
      groupOfRow[r] = -1;
    } else if (groupOfRow[r]! >= 0) {
      sizes[groupOfRow[r]!]!++;
    }
  }
  if (skipped > 0) {
    context.notes.push(`${rowsWord(skipped)} with an empty ${columns[roles.x]!.name} not drawn.`);
  }

  const result: XYSeries[] = [];
  keys.forEach((key, group) => {
    const size = sizes[group]!;
    const order = new Uint32Array(size);
    let at = 0;
    let sorted = true;
    for (let r = 0; r < rows.length; r++) {
      if (groupOfRow[r] !== group) continue;
      if (at > 0 && xs[r]! < xs[order[at - 1]!]!) sorted = false;
      order[at++] = r;
    }
    // Scatter keeps row order; lines need ascending x (summarize returns groups unordered).
    if (!sorted && context.kind !== 'scatterchart') order.sort((a, b) => xs[a]! - xs[b]!);
    const x = new Float64Array(size);
    for (let i = 0; i < size; i++) x[i] = xs[order[i]!]!;
    const first = result.length;
    roles.ys.forEach((column, yIndex) => {
      const y = new Float64Array(size);
      for (let i = 0; i < size; i++) y[i] = toNumber(rows[order[i]!]![column]);
      if (context.accumulate) accumulateInPlace(y);
      result.push({ name: seriesName(context, key, yIndex), x, y });
    });
    // Anomaly flags (+1/-1; 0 is none) are marked on the key's first y line, at its values.
    for (const column of context.anomalyColumns) {
      const line = result[first]!;
      const at: number[] = [];
      for (let i = 0; i < size; i++) {
        const flag = toNumber(rows[order[i]!]![column]);
        if (flag !== 0 && !Number.isNaN(flag) && !Number.isNaN(line.y[i]!)) at.push(i);
      }
      const anomalyName = columns[column]!.name;
      context.anomalies.push({
        of: first,
        name: roles.series.length === 0 ? anomalyName : `${key} (${anomalyName})`,
        x: Float64Array.from(at, (i) => x[i]!),
        y: Float64Array.from(at, (i) => line.y[i]!),
        flag: Float64Array.from(at, (i) => Math.sign(toNumber(rows[order[i]!]![column]))),
      });
    }
  });

  return context.stack === 'none' || result.length < 2 ? result : alignForStacking(result, context);
}

/**
 * Stacked areas need every series at the same x values: the union of x is taken, a series
 * missing a point counts as 0 there, and stacked100 turns each x's values into shares.
 */
function alignForStacking(series: XYSeries[], context: Context): XYSeries[] {
  const all = new Float64Array(series.reduce((n, s) => n + s.x.length, 0));
  let at = 0;
  for (const s of series) {
    all.set(s.x, at);
    at += s.x.length;
  }
  all.sort();
  let unique = 0;
  for (let i = 0; i < all.length; i++)
    if (i === 0 || all[i] !== all[i - 1]) all[unique++] = all[i]!;
  const x = all.slice(0, unique);

  const aligned = series.map((s) => {
    const y = new Float64Array(unique);
    let j = 0;
    for (let i = 0; i < s.x.length; i++) {
      while (x[j]! < s.x[i]!) j++;
      const value = s.y[i]!;
      if (!Number.isNaN(value)) y[j] = y[j]! + value;
    }
    return { name: s.name, x, y };
  });
  if (context.stack === 'stacked100')
    toShares(
      aligned.map((s) => s.y),
      unique,
    );
  return aligned;
}

/** Each position's values become percentages of the position's total (of absolute values). */
function toShares(columns: Float64Array[], length: number): void {
  for (let i = 0; i < length; i++) {
    let total = 0;
    for (const values of columns) {
      const value = values[i]!;
      if (!Number.isNaN(value)) total += Math.abs(value);
    }
    for (const values of columns) {
      const value = values[i]!;
      if (!Number.isNaN(value)) values[i] = total === 0 ? 0 : (value / total) * 100;
    }
  }
}

function buildCategorySeries(context: Context): {
  categories: string[];
  series: CategorySeries[];
} {
  const { rows, roles, columns } = context;
  const xType = columns[roles.x]!.type;
  const ordered = isDateTimeType(xType) || isNumericType(xType);
  const readLabel = labelReader(xType);
  const readX = axisReader(xType);
  const { keys, groupOfRow } = groupRows(context);

  // Categories in first-appearance order; times and numbers in ascending order (a summarize
  // by bin() returns its bins unordered, and a column chart over time should read left to right).
  const categoryIndex = new Map<string, number>();
  const labels: string[] = [];
  const sortKeys: number[] = [];
  const categoryOfRow = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const value = rows[r]![roles.x];
    const label = readLabel(value) || EMPTY_LABEL;
    let index = categoryIndex.get(label);
    if (index === undefined) {
      index = labels.length;
      categoryIndex.set(label, index);
      labels.push(label);
      sortKeys.push(ordered ? readX(value) : index);
    }
    categoryOfRow[r] = index;
  }
  const order = labels.map((_, i) => i);
  if (ordered) {
    // Nulls (NaN) go last.
    order.sort((a, b) => {
      const ka = sortKeys[a]!;
      const kb = sortKeys[b]!;
      if (Number.isNaN(ka)) return Number.isNaN(kb) ? 0 : 1;
      if (Number.isNaN(kb)) return -1;
      return ka - kb;
    });
  }
  const position = new Int32Array(labels.length);
  order.forEach((category, pos) => (position[category] = pos));
  const categories = order.map((i) => labels[i]!);

  const series: CategorySeries[] = [];
  keys.forEach((key, group) => {
    roles.ys.forEach((column, yIndex) => {
      const values = new Float64Array(categories.length).fill(NaN);
      for (let r = 0; r < rows.length; r++) {
        if (groupOfRow[r] !== group) continue;
        const value = toNumber(rows[r]![column]);
        if (Number.isNaN(value)) continue;
        const at = position[categoryOfRow[r]!]!;
        // Rows repeating a category within one series add up.
        values[at] = Number.isNaN(values[at]!) ? value : values[at]! + value;
      }
      if (context.accumulate) accumulateInPlace(values);
      series.push({ name: seriesName(context, key, yIndex), values });
    });
  });
  if (context.stack === 'stacked100') {
    toShares(
      series.map((s) => s.values),
      categories.length,
    );
  }
  return { categories, series };
}

function buildSlices(context: Context, maxSlices = DEFAULT_MAX_SLICES): PieSlice[] {
  const { rows, roles, columns } = context;
  const readLabel = labelReader(columns[roles.x]!.type);
  const yColumn = roles.ys[0]!;
  if (roles.ys.length > 1) {
    const others = roles.ys.slice(1).map((i) => columns[i]!.name);
    context.notes.push(
      `Slices are sized by ${columns[yColumn]!.name}; ${others.join(', ')} not shown.`,
    );
  }
  const totals = new Map<string, number>();
  let leftOut = 0;
  for (const row of rows) {
    const value = toNumber(row[yColumn]);
    if (!(value > 0)) {
      if (value !== 0) leftOut++;
      continue;
    }
    const category = readLabel(row[roles.x]) || EMPTY_LABEL;
    const key = roles.series.length > 0 ? `${category}, ${seriesKeyOf(context, row)}` : category;
    totals.set(key, (totals.get(key) ?? 0) + value);
  }
  if (leftOut > 0) {
    context.notes.push(`${rowsWord(leftOut)} with an empty or negative value not drawn.`);
  }
  const slices = [...totals].map(([name, value]) => ({ name, value }));
  if (slices.length <= maxSlices) return slices;

  const ranked = [...slices].sort((a, b) => b.value - a.value);
  const kept = new Set(ranked.slice(0, maxSlices - 1));
  const rest = ranked.slice(maxSlices - 1);
  context.notes.push(`The ${count(rest.length)} smallest slices are combined as "Other".`);
  return [
    ...slices.filter((slice) => kept.has(slice)),
    { name: `Other (${count(rest.length)})`, value: rest.reduce((sum, s) => sum + s.value, 0) },
  ];
}
