/** A result column as the chart sees it: its name and Kusto type (`datetime`, `long`, …). */
export interface ChartColumn {
  name: string;
  type: string;
}

/** The render properties of a result (`| render …`), as @ExtendedProperties carries them. */
export interface ChartVisualization {
  visualization: string | null;
  title: string | null;
  xColumn: string | null;
  series: string[] | null;
  yColumns: string[] | null;
  xTitle: string | null;
  yTitle: string | null;
  legend: string | null;
  kind: string | null;
  accumulate: boolean;
  yMin: number | null;
  yMax: number | null;
  xAxis: string | null;
  yAxis: string | null;
  /** anomalychart: the columns whose non-zero values (series_decompose_anomalies flags) are marked. */
  anomalyColumns?: string[] | null;
  /** `none` (one y-axis), `axes` (one y-axis per series) or `panels` (one panel per y column). */
  ySplit?: string | null;
}

/** The charts Quarry draws. */
export type ChartKind =
  | 'timechart'
  | 'linechart'
  | 'areachart'
  | 'columnchart'
  | 'barchart'
  | 'piechart'
  | 'scatterchart'
  | 'ladderchart';

export type StackMode = 'none' | 'stacked' | 'stacked100';

/** Which columns play which part (indexes into the result's columns). */
export interface ChartColumnRoles {
  x: number;
  ys: number[];
  series: number[];
}

/**
 * One line/area/scatter series over a time or value axis: points in ascending x (scatter keeps
 * row order). NaN in `y` is a gap (a null in the data).
 */
export interface XYSeries {
  name: string;
  x: Float64Array;
  y: Float64Array;
}

/** Anomaly markers on one XY series: the points where an anomaly column is non-zero. */
export interface AnomalyMarks {
  /** Index into the chart's `series` of the line the marks sit on. */
  of: number;
  name: string;
  x: Float64Array;
  y: Float64Array;
  /** The flag at each mark: +1 a rise, -1 a dip (series_decompose_anomalies' ad_flag). */
  flag: Float64Array;
}

/**
 * How the y values are split (the `ysplit` property): `axes` gives every series its own y-axis,
 * `panels` draws a panel per group, stacked vertically. `groupOfSeries[i]` is series i's axis
 * or panel; `groupNames` name them.
 */
export interface YSplit {
  mode: 'none' | 'axes' | 'panels';
  groupOfSeries: number[];
  groupNames: string[];
}

/** One ladder rung: a bar from `start` to `end` on the category row `category`. */
export interface LadderBar {
  category: number;
  start: number;
  end: number;
}

export interface LadderSeries {
  name: string;
  bars: LadderBar[];
}

/** Category charts (column, bar, and line/area over a text x): one value per category. */
export interface CategorySeries {
  name: string;
  values: Float64Array;
}

export interface PieSlice {
  name: string;
  value: number;
}

interface ChartDataBase {
  kind: ChartKind;
  stack: StackMode;
  roles: ChartColumnRoles;
  /** Names of the columns in each role, for titles, tooltips and the description. */
  xName: string;
  yNames: string[];
  seriesNames: string[];
  /** Shown under the chart: series or slices left out, rows skipped. */
  notes: string[];
  /** Absent means `none`. */
  split?: YSplit;
}

export type ChartData =
  | (ChartDataBase & {
      shape: 'xy';
      xType: 'time' | 'value';
      series: XYSeries[];
      /** anomalychart's markers; empty for other charts. */
      anomalies?: AnomalyMarks[];
    })
  | (ChartDataBase & {
      shape: 'category';
      xType: 'category';
      categories: string[];
      series: CategorySeries[];
    })
  | (ChartDataBase & { shape: 'pie'; slices: PieSlice[] })
  | (ChartDataBase & {
      shape: 'ladder';
      /** Row labels, top to bottom in result order. */
      categories: string[];
      /** Whether start/end are datetimes (epoch ms) or plain numbers. */
      xType: 'time' | 'value';
      series: LadderSeries[];
    });

/** Why a result cannot be drawn, in words for the user. */
export interface ChartProblem {
  problem: string;
}
