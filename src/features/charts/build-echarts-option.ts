import type {
  BarSeriesOption,
  CustomSeriesOption,
  LineSeriesOption,
  PieSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { graphic, type ComposeOption } from 'echarts/core';
import type { ChartData, ChartVisualization, YSplit } from '../../lib/chart-data/chart-types';
import { formatUtc } from '../../lib/chart-data/chart-values';
import {
  decimateMinMax,
  decimateScatter,
  minMaxIndexes,
  pick,
} from '../../lib/chart-data/decimate';
import type { ChartPalette } from './chart-palette';

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | CustomSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | DataZoomComponentOption
>;

type XYData = Extract<ChartData, { shape: 'xy' }>;
type LadderData = Extract<ChartData, { shape: 'ladder' }>;

/** The plot's size in pixels: decimation keeps a few points per pixel column. */
export interface PlotSize {
  width: number;
  height: number;
}

/** Beyond this many bars or points ECharts draws in its "large" mode (one path, no hover). */
const LARGE_THRESHOLD = 2000;
/** Animation is pleasant for small charts and a cost for big ones. */
const ANIMATION_LIMIT = 3000;

const tooltipNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** Tooltip numbers with at most six decimals; a gap shows as a dash. */
export function formatTooltipValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatTooltipValue).join(', ');
  if (typeof value === 'number') return Number.isFinite(value) ? tooltipNumber.format(value) : '-';
  return value === null || value === undefined ? '-' : String(value);
}

/** Null for a NaN, which ECharts draws as a gap. */
const gap = (value: number) => (Number.isNaN(value) ? null : value);
/** On a log axis zero and negatives have no place: gaps too. */
const logGap = (value: number) => (value > 0 ? value : null);

/**
 * One min/max bucket per two pixel columns: the envelope is kept at that resolution, and the
 * path stays short enough to redraw quickly while zooming (canvas stroking is the cost).
 */
function lineBuckets(size: PlotSize): number {
  return Math.max(50, Math.round(size.width / 2));
}

function toPairs(x: Float64Array, y: Float64Array, log: boolean): [number, number | null][] {
  const clean = log ? logGap : gap;
  const out = new Array<[number, number | null]>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = [x[i]!, clean(y[i]!)];
  return out;
}

/**
 * The points of every line/area/scatter series for a plot of `size`, decimated: min/max per
 * pixel column for lines (restricted to the zoom window when there is one), one point per 2×2
 * pixel cell for scatter. Stacked series share their x, so they keep the same points: those
 * the stack's total would keep.
 */
export function xyPoints(
  data: XYData,
  size: PlotSize,
  window?: { from: number; to: number },
  logY = false,
): [number, number | null][][] {
  if (data.kind === 'scatterchart') {
    return data.series.map((series) => {
      const points = decimateScatter(series, size.width / 2, size.height / 2);
      return toPairs(points.x, points.y, logY);
    });
  }
  if (data.stack !== 'none' && data.series.length > 1) {
    const x = data.series[0]!.x;
    const total = new Float64Array(x.length);
    for (const series of data.series) {
      for (let i = 0; i < x.length; i++) total[i] = total[i]! + (series.y[i]! || 0);
    }
    const kept = minMaxIndexes({ x, y: total }, lineBuckets(size), window?.from, window?.to);
    return data.series.map((series) => {
      const points = pick(series, kept);
      return toPairs(points.x, points.y, logY);
    });
  }
  return data.series.map((series) => {
    const points = decimateMinMax(series, lineBuckets(size), window?.from, window?.to);
    return toPairs(points.x, points.y, logY);
  });
}

/** Smallest and largest x over all series (the axis extent, fixed so zooming can re-decimate). */
export function xExtent(data: XYData): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const series of data.series) {
    if (series.x.length === 0) continue;
    if (data.kind === 'scatterchart') {
      for (const x of series.x) {
        if (x < min) min = x;
        if (x > max) max = x;
      }
    } else {
      min = Math.min(min, series.x[0]!);
      max = Math.max(max, series.x[series.x.length - 1]!);
    }
  }
  return min <= max ? { min, max } : null;
}

export function isLogY(visualization: ChartVisualization): boolean {
  return visualization.yAxis?.toLowerCase() === 'log';
}

function pointCount(data: ChartData): number {
  if (data.shape === 'pie') return data.slices.length;
  if (data.shape === 'category') return data.categories.length * data.series.length;
  if (data.shape === 'ladder') return data.series.reduce((n, s) => n + s.bars.length, 0);
  return data.series.reduce((n, s) => n + s.x.length, 0);
}

function axisName(given: string | null, fallback: string): string {
  return given ?? fallback;
}

export interface BuildOptionInput {
  data: ChartData;
  visualization: ChartVisualization;
  palette: ChartPalette;
  size: PlotSize;
}

/** The ECharts option for a shaped result: axes, series, legend, tooltip, zoom. */
export function buildEChartsOption({
  data,
  visualization,
  palette,
  size,
}: BuildOptionInput): ChartOption {
  const legendShown =
    visualization.legend?.toLowerCase() !== 'hidden' &&
    (data.shape === 'pie' || data.series.length > 1);
  const axisLine = { lineStyle: { color: palette.border } };
  const axisLabel = { color: palette.textMuted, hideOverlap: true };
  const splitLine = { lineStyle: { color: palette.border, opacity: 0.6 } };
  const nameTextStyle = { color: palette.textMuted };
  const hasTitle = Boolean(visualization.title);

  const base: ChartOption = {
    backgroundColor: 'transparent',
    color: [...palette.series],
    textStyle: { fontFamily: palette.fontFamily, color: palette.text },
    // Kusto datetimes are UTC; so are the axis labels.
    useUTC: true,
    animation: pointCount(data) <= ANIMATION_LIMIT,
    title: hasTitle
      ? {
          text: visualization.title ?? '',
          left: 'center',
          textStyle: { color: palette.text, fontSize: 14, fontWeight: 600 },
        }
      : undefined,
    legend: legendShown
      ? {
          type: 'scroll',
          top: hasTitle ? 26 : 0,
          textStyle: { color: palette.text },
          pageTextStyle: { color: palette.textMuted },
          pageIconColor: palette.textMuted,
          pageIconInactiveColor: palette.border,
        }
      : undefined,
    tooltip: {
      // Drawn on the canvas: series names and values never become HTML.
      renderMode: 'richText',
      confine: true,
      trigger: data.shape === 'pie' || data.kind === 'scatterchart' ? 'item' : 'axis',
      backgroundColor: palette.surface,
      borderColor: palette.border,
      textStyle: { color: palette.text },
      valueFormatter: (value) => formatTooltipValue(value),
    },
  };

  if (data.shape === 'pie') {
    return {
      ...base,
      series: [
        {
          type: 'pie',
          name: data.yNames[0],
          radius: '62%',
          center: ['50%', legendShown ? '56%' : '50%'],
          data: data.slices.map((slice) => ({ name: slice.name, value: slice.value })),
          label: { show: data.slices.length <= 20, color: palette.text },
          labelLine: { show: data.slices.length <= 20 },
          itemStyle: { borderColor: palette.surface, borderWidth: 1 },
        },
      ],
    };
  }

  // Room above the plot for the title, the legend and the y-axis name.
  const top = (hasTitle ? 26 : 0) + (legendShown ? 30 : 0) + 28;
  const stacked = data.stack !== 'none';
  const percent = data.stack === 'stacked100';
  const yTitle = axisName(visualization.yTitle, data.yNames.length === 1 ? data.yNames[0]! : '');
  const xTitle = axisName(visualization.xTitle, data.xName);
  const valueAxis = {
    type: isLogY(visualization) ? ('log' as const) : ('value' as const),
    min: visualization.yMin ?? undefined,
    max: visualization.yMax ?? (percent ? 100 : undefined),
    name: yTitle,
    nameTextStyle,
    axisLine,
    axisLabel: percent ? { ...axisLabel, formatter: '{value}%' } : axisLabel,
    splitLine,
  };

  if (data.shape === 'ladder') {
    return ladderOption(
      data,
      base,
      { top, axisLine, axisLabel, splitLine, nameTextStyle, visualization, palette },
      size,
    );
  }

  const frame = splitFrame(data.split, data.series.length, top, size);
  const valueAxes = (horizontal: boolean) =>
    frame.yAxes.map((axis) => ({
      ...valueAxis,
      ...(frame.mode === 'none' ? {} : { name: axis.name }),
      gridIndex: axis.grid,
      ...(frame.mode === 'axes'
        ? {
            // A bar chart's value axes run along the top and bottom.
            position: horizontal
              ? axis.side === 'left'
                ? ('bottom' as const)
                : ('top' as const)
              : axis.side,
            offset: axis.offset,
            alignTicks: true,
            axisLine: {
              show: true,
              lineStyle: { color: palette.series[axis.index % palette.series.length] },
            },
            splitLine: axis.index === 0 ? splitLine : { show: false },
          }
        : {}),
      nameLocation: horizontal ? ('middle' as const) : ('end' as const),
      ...(horizontal ? { nameGap: 28 } : {}),
    }));

  if (data.shape === 'category') {
    const horizontal = data.kind === 'barchart';
    const large = data.categories.length > LARGE_THRESHOLD;
    // Column labels that do not fit side by side are slanted rather than every other one
    // hidden (about 7 px a character at 12 px).
    const longest = data.categories.reduce((n, c) => Math.max(n, Math.min(c.length, 24)), 0);
    const slant =
      !horizontal &&
      data.categories.length <= 60 &&
      (longest * 7 + 8) * data.categories.length > size.width - 60;
    const categoryAxes = frame.grids.map((_, grid) => ({
      type: 'category' as const,
      data: data.categories,
      name: grid === frame.grids.length - 1 ? xTitle : '',
      nameTextStyle,
      axisLine,
      axisLabel: slant
        ? { ...axisLabel, interval: 0, rotate: 35, width: 170, overflow: 'truncate' as const }
        : data.categories.length <= 60
          ? { ...axisLabel, interval: 0 }
          : axisLabel,
      gridIndex: grid,
      // Bars read top-down in result order.
      inverse: horizontal,
    }));
    const isBars = data.kind === 'columnchart' || data.kind === 'barchart';
    return {
      ...base,
      grid: frame.grids,
      xAxis: horizontal
        ? valueAxes(true)
        : categoryAxes.map((a) => ({
            ...a,
            nameLocation: 'middle' as const,
            nameGap: slant ? 16 + Math.min(longest, 24) * 4.5 : 28,
          })),
      yAxis: horizontal
        ? categoryAxes.map((a) => ({ ...a, nameLocation: 'start' as const }))
        : valueAxes(false),
      series: data.series.map((series, index) => {
        const values = Array.from(series.values, isLogY(visualization) ? logGap : gap);
        const place = frame.placeOf(index, horizontal);
        const stack = stacked ? frame.stackOf(index) : undefined;
        return isBars
          ? ({
              type: 'bar',
              name: series.name,
              data: values,
              stack,
              large,
              barMaxWidth: 48,
              ...place,
            } satisfies BarSeriesOption)
          : ({
              type: 'line',
              name: series.name,
              data: values,
              stack,
              areaStyle: data.kind === 'areachart' ? { opacity: stacked ? 0.85 : 0.25 } : undefined,
              showSymbol: data.categories.length <= 60,
              connectNulls: false,
              ...place,
            } satisfies LineSeriesOption);
      }),
      tooltip: { ...base.tooltip, axisPointer: { type: isBars ? 'shadow' : 'line' } },
      axisPointer: frame.grids.length > 1 ? { link: [{ xAxisIndex: 'all' }] } : undefined,
    };
  }

  const extent = xExtent(data);
  const pointsOfSeries = xyPoints(data, size, undefined, isLogY(visualization));
  const scatter = data.kind === 'scatterchart';
  const xAxisType =
    data.xType === 'time' ? 'time' : visualization.xAxis?.toLowerCase() === 'log' ? 'log' : 'value';
  const xAxisIndexes = frame.grids.map((_, i) => i);
  const anomalies = data.anomalies ?? [];
  return {
    ...base,
    grid: frame.grids,
    xAxis: frame.grids.map((_, grid) => ({
      type: xAxisType,
      gridIndex: grid,
      // A fixed extent: zooming re-decimates the data, which must not move the axis.
      min: scatter ? undefined : extent?.min,
      max: scatter ? undefined : extent?.max,
      scale: scatter,
      name: grid === frame.grids.length - 1 ? xTitle : '',
      nameLocation: 'middle' as const,
      nameGap: 28,
      nameTextStyle,
      axisLine,
      // Panels share the x range: only the bottom one labels it.
      axisLabel: grid === frame.grids.length - 1 ? axisLabel : { show: false },
      splitLine: { show: false },
    })),
    yAxis: valueAxes(false).map((axis) => ({
      ...axis,
      scale: !stacked && visualization.yMin === null,
      ...(frame.mode === 'panels' ? { splitNumber: 3 } : {}),
    })),
    axisPointer: frame.grids.length > 1 ? { link: [{ xAxisIndex: 'all' }] } : undefined,
    dataZoom: [
      { type: 'inside', xAxisIndex: xAxisIndexes, filterMode: 'none', zoomOnMouseWheel: 'ctrl' },
      {
        type: 'slider',
        xAxisIndex: xAxisIndexes,
        filterMode: 'none',
        height: 14,
        bottom: 2,
        showDetail: false,
        borderColor: palette.border,
        textStyle: { color: palette.textMuted },
      },
    ],
    series: [
      ...data.series.map((series, index) => {
        const points = pointsOfSeries[index]!;
        const place = frame.placeOf(index, false);
        if (scatter) {
          const large = points.length > LARGE_THRESHOLD;
          return {
            type: 'scatter',
            name: series.name,
            data: points,
            large,
            largeThreshold: LARGE_THRESHOLD,
            symbolSize: large ? 3 : 6,
            ...place,
          } satisfies ScatterSeriesOption;
        }
        return {
          type: 'line',
          name: series.name,
          data: points,
          stack: stacked ? frame.stackOf(index) : undefined,
          areaStyle: data.kind === 'areachart' ? { opacity: stacked ? 0.85 : 0.25 } : undefined,
          showSymbol: points.length <= 60,
          symbolSize: 5,
          lineStyle: { width: 1.5 },
          connectNulls: false,
          // Decimation already keeps a few points per pixel column.
          sampling: undefined,
          ...place,
        } satisfies LineSeriesOption;
      }),
      // After the lines, so a zoom's re-decimation (which sets series by position) leaves them.
      ...anomalies.map(
        (marks) =>
          ({
            type: 'scatter',
            name: marks.name,
            // Rises point up, dips point down; an outline keeps them apart from the line.
            data: Array.from(marks.x, (x, i) => ({
              value: [x, marks.y[i]!],
              symbolRotate: marks.flag[i]! < 0 ? 180 : 0,
            })),
            symbol: 'triangle',
            symbolSize: 11,
            itemStyle: { color: palette.anomaly, borderColor: palette.surface, borderWidth: 1 },
            z: 5,
            ...frame.placeOf(marks.of, false),
          }) satisfies ScatterSeriesOption,
      ),
    ],
  };
}

interface SplitAxis {
  grid: number;
  index: number;
  name: string;
  side: 'left' | 'right';
  offset: number;
}

interface SplitFrame {
  mode: YSplit['mode'];
  grids: GridComponentOption[];
  yAxes: SplitAxis[];
  /** The grid and value axis of series i (x or y by orientation). */
  placeOf(index: number, horizontal: boolean): { xAxisIndex?: number; yAxisIndex?: number };
  /** The stack name of series i: series stack together within their panel or axis only. */
  stackOf(index: number): string;
}

/** Space between panels for the x-axis labels of the panel above. */
const PANEL_GAP = 30;
/** A panel is never drawn shorter than this; the chart grows instead (see plotMinHeight). */
export const MIN_PANEL_HEIGHT = 110;
/** The height a ladder row needs for a legible label. */
const LADDER_ROW = 18;
/** Room per extra y-axis on a side (labels and the axis name). */
const AXIS_OFFSET = 56;

/**
 * The grids and y-axes for `ysplit`: one grid and one axis (none); one grid with an axis per
 * series, alternating left and right and pushed outwards (axes); or a grid per panel, stacked
 * top to bottom in the plot's height, each with its own y-axis named for its group (panels).
 */
function splitFrame(
  split: YSplit | undefined,
  seriesCount: number,
  top: number,
  size: PlotSize,
): SplitFrame {
  const bottom = 64;
  if (!split || split.mode === 'none') {
    return {
      mode: 'none',
      grids: [{ top, left: 16, right: 24, bottom }],
      yAxes: [{ grid: 0, index: 0, name: '', side: 'left', offset: 0 }],
      placeOf: () => ({}),
      stackOf: () => 'total',
    };
  }
  if (split.mode === 'axes') {
    const yAxes = split.groupNames.map((name, index) => ({
      grid: 0,
      index,
      name,
      side: index % 2 === 0 ? ('left' as const) : ('right' as const),
      offset: Math.floor(index / 2) * AXIS_OFFSET,
    }));
    const lefts = Math.ceil(yAxes.length / 2);
    const rights = Math.floor(yAxes.length / 2);
    return {
      mode: 'axes',
      grids: [
        {
          top,
          left: 16 + (lefts - 1) * AXIS_OFFSET,
          right: 24 + Math.max(0, rights - 1) * AXIS_OFFSET,
          bottom,
        },
      ],
      yAxes,
      placeOf: (index, horizontal) => {
        const axis = split.groupOfSeries[index] ?? 0;
        return horizontal ? { xAxisIndex: axis } : { yAxisIndex: axis };
      },
      stackOf: (index) => `total-${split.groupOfSeries[index] ?? 0}`,
    };
  }
  const panels = split.groupNames.length;
  const usable = Math.max(
    panels * MIN_PANEL_HEIGHT,
    size.height - top - bottom - (panels - 1) * PANEL_GAP,
  );
  const height = usable / panels;
  const grids = split.groupNames.map((_, i) => ({
    top: top + i * (height + PANEL_GAP),
    left: 16,
    right: 24,
    height,
  }));
  void seriesCount;
  return {
    mode: 'panels',
    grids,
    yAxes: split.groupNames.map((name, index) => ({
      grid: index,
      index,
      name,
      side: 'left' as const,
      offset: 0,
    })),
    placeOf: (index) => {
      const panel = split.groupOfSeries[index] ?? 0;
      return { xAxisIndex: panel, yAxisIndex: panel };
    },
    stackOf: (index) => `total-${split.groupOfSeries[index] ?? 0}`,
  };
}

interface AxisStyles {
  top: number;
  axisLine: object;
  axisLabel: object;
  splitLine: object;
  nameTextStyle: object;
  visualization: ChartVisualization;
  palette: ChartPalette;
}

/** A ladder rung's datum: [start, end, row]. */
type Rung = [number, number, number];

/**
 * A ladder chart: one horizontal bar per row, from its start to its end on a time (or value)
 * axis, on the category row of its label; colours by series. Drawn with a custom series, whose
 * rectangles are clipped to the plot so zooming works.
 */
function ladderOption(
  data: LadderData,
  base: ChartOption,
  styles: AxisStyles,
  size: PlotSize,
): ChartOption {
  const { top, axisLine, axisLabel, splitLine, nameTextStyle, visualization } = styles;
  // More rows than fit legibly: a window of rows with a scroll bar on the right (the wheel
  // scrolls it), rather than labels drawn over each other.
  const fits = Math.max(3, Math.floor((size.height - top - 64) / LADDER_ROW));
  const scrollRows = data.categories.length > fits;
  let min = Infinity;
  let max = -Infinity;
  for (const series of data.series) {
    for (const bar of series.bars) {
      if (bar.start < min) min = bar.start;
      if (bar.end > max) max = bar.end;
    }
  }
  const pad = max > min ? (max - min) * 0.02 : 1;
  const time = data.xType === 'time';
  const format = (value: number) => (time ? formatUtc(value) : formatTooltipValue(value));
  return {
    ...base,
    grid: { top, left: 16, right: scrollRows ? 40 : 24, bottom: 64 },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      // Plain text (richText rendering): values never become HTML.
      formatter: (params: unknown) => {
        const p = params as { seriesName?: string; value?: Rung };
        const [start, end, row] = p.value ?? [NaN, NaN, 0];
        const label = data.categories[row] ?? '';
        const series = data.series.length > 1 ? `${p.seriesName ?? ''}\n` : '';
        return `${series}${label}\n${format(start)} – ${format(end)}`;
      },
    },
    xAxis: {
      type: time ? 'time' : 'value',
      min: min - pad,
      max: max + pad,
      name: visualization.xTitle ?? data.xName,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle,
      axisLine,
      axisLabel,
      splitLine,
    },
    yAxis: {
      type: 'category',
      data: data.categories,
      // Result order, top to bottom.
      inverse: true,
      name: visualization.yTitle ?? '',
      nameTextStyle,
      axisLine,
      axisLabel: { ...axisLabel, interval: 'auto' },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter', zoomOnMouseWheel: 'ctrl' },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'weakFilter',
        height: 14,
        bottom: 2,
        showDetail: false,
        borderColor: styles.palette.border,
        textStyle: { color: styles.palette.textMuted },
      },
      ...(scrollRows
        ? [
            {
              type: 'slider' as const,
              yAxisIndex: 0,
              filterMode: 'weakFilter' as const,
              startValue: 0,
              endValue: fits - 1,
              zoomLock: true,
              width: 12,
              right: 4,
              showDetail: false,
              brushSelect: false,
              borderColor: styles.palette.border,
            },
            {
              type: 'inside' as const,
              yAxisIndex: 0,
              filterMode: 'weakFilter' as const,
              zoomOnMouseWheel: false,
              moveOnMouseWheel: true,
              zoomLock: true,
            },
          ]
        : []),
    ],
    series: data.series.map(
      (series) =>
        ({
          type: 'custom',
          name: series.name,
          encode: { x: [0, 1], y: 2 },
          data: series.bars.map((bar): Rung => [bar.start, bar.end, bar.category]),
          renderItem: (params, api) => {
            const row = api.value(2);
            const from = api.coord([api.value(0), row]);
            const to = api.coord([api.value(1), row]);
            const band = (api.size?.([0, 1]) as number[] | undefined)?.[1] ?? 12;
            const height = Math.max(3, Math.min(band * 0.6, 22));
            const coordSys = params.coordSys as unknown as {
              x: number;
              y: number;
              width: number;
              height: number;
            };
            // A rung shorter than 3 px (a one-instant interval) is still seen.
            const rect = graphic.clipRectByRect(
              {
                x: from[0]!,
                y: from[1]! - height / 2,
                width: Math.max(3, to[0]! - from[0]!),
                height,
              },
              coordSys,
            );
            return rect ? { type: 'rect', shape: rect, style: api.style() } : null;
          },
        }) satisfies CustomSeriesOption,
    ),
  };
}

/**
 * The least height the plot needs: panels of `ysplit=panels` are never squeezed below a legible
 * height (the chart scrolls instead). Null: the plot takes the space it is given.
 */
export function plotMinHeight(data: ChartData): number | null {
  if (data.shape === 'pie' || data.shape === 'ladder' || data.split?.mode !== 'panels') return null;
  const panels = data.split.groupNames.length;
  return panels * MIN_PANEL_HEIGHT + (panels - 1) * PANEL_GAP + 150;
}

/** The x-axis range a zoom shows, from ECharts' percentages of the fixed extent. */
export function zoomWindow(
  extent: { min: number; max: number },
  startPercent: number,
  endPercent: number,
): { from: number; to: number } {
  const span = extent.max - extent.min;
  return {
    from: extent.min + (span * startPercent) / 100,
    to: extent.min + (span * endPercent) / 100,
  };
}

/** What a drawn chart holds, in a few numbers: exposed on the chart for tests and tooling. */
export interface ChartSummary {
  grids: number;
  yAxes: number;
  /** The first category axis' labels (ladder rows, column-chart categories): the first 50. */
  categories: string[];
  categoryCount: number;
  series: { type: string; name: string; points: number; yAxisIndex: number; gridOf: number }[];
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function summarizeOption(option: ChartOption): ChartSummary {
  const xAxes = asList(option.xAxis) as { type?: string; data?: unknown[] }[];
  const yAxes = asList(option.yAxis) as { type?: string; data?: unknown[] }[];
  const categoryAxis = [...xAxes, ...yAxes].find((axis) => axis.type === 'category');
  return {
    grids: Math.max(1, asList(option.grid).length),
    yAxes: yAxes.length,
    categoryCount: categoryAxis?.data?.length ?? 0,
    categories: (categoryAxis?.data ?? []).slice(0, 50).map(String),
    series: asList(option.series).map((s) => {
      const series = s as {
        type?: string;
        name?: string;
        data?: unknown[];
        yAxisIndex?: number;
        xAxisIndex?: number;
      };
      return {
        type: series.type ?? '',
        name: String(series.name ?? ''),
        points: series.data?.length ?? 0,
        yAxisIndex: series.yAxisIndex ?? 0,
        gridOf: series.xAxisIndex ?? 0,
      };
    }),
  };
}
