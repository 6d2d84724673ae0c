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
}

/** The charts Quarry draws. */
export type ChartKind =
  | 'timechart'
  | 'linechart'
  | 'areachart'
  | 'columnchart'
  | 'barchart'
  | 'piechart'
  | 'scatterchart';

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
}

export type ChartData =
  | (ChartDataBase & { shape: 'xy'; xType: 'time' | 'value'; series: XYSeries[] })
  | (ChartDataBase & {
      shape: 'category';
      xType: 'category';
      categories: string[];
      series: CategorySeries[];
    })
  | (ChartDataBase & { shape: 'pie'; slices: PieSlice[] });

/** Why a result cannot be drawn, in words for the user. */
export interface ChartProblem {
  problem: string;
}
