import type {
  BarSeriesOption,
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
import type { ComposeOption } from 'echarts/core';
import type { ChartData, ChartVisualization } from '../../lib/chart-data/chart-types';
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
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | DataZoomComponentOption
>;

type XYData = Extract<ChartData, { shape: 'xy' }>;

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

  if (data.shape === 'category') {
    const horizontal = data.kind === 'barchart';
    const large = data.categories.length > LARGE_THRESHOLD;
    const categoryAxis = {
      type: 'category' as const,
      data: data.categories,
      name: xTitle,
      nameTextStyle,
      axisLine,
      axisLabel,
      // Bars read top-down in result order.
      inverse: horizontal,
    };
    const isBars = data.kind === 'columnchart' || data.kind === 'barchart';
    return {
      ...base,
      grid: { top, left: 16, right: 24, bottom: 16 },
      xAxis: horizontal
        ? { ...valueAxis, nameLocation: 'middle', nameGap: 28 }
        : { ...categoryAxis, nameLocation: 'middle', nameGap: 28 },
      yAxis: horizontal
        ? { ...categoryAxis, nameLocation: 'start' }
        : { ...valueAxis, nameLocation: 'end' },
      series: data.series.map((series) => {
        const values = Array.from(series.values, isLogY(visualization) ? logGap : gap);
        return isBars
          ? ({
              type: 'bar',
              name: series.name,
              data: values,
              stack: stacked ? 'total' : undefined,
              large,
              barMaxWidth: 48,
            } satisfies BarSeriesOption)
          : ({
              type: 'line',
              name: series.name,
              data: values,
              stack: stacked ? 'total' : undefined,
              areaStyle: data.kind === 'areachart' ? { opacity: stacked ? 0.85 : 0.25 } : undefined,
              showSymbol: data.categories.length <= 60,
              connectNulls: false,
            } satisfies LineSeriesOption);
      }),
      tooltip: { ...base.tooltip, axisPointer: { type: isBars ? 'shadow' : 'line' } },
    };
  }

  const extent = xExtent(data);
  const pointsOfSeries = xyPoints(data, size, undefined, isLogY(visualization));
  const scatter = data.kind === 'scatterchart';
  const xAxisType =
    data.xType === 'time' ? 'time' : visualization.xAxis?.toLowerCase() === 'log' ? 'log' : 'value';
  return {
    ...base,
    // Room under the axis for its name and, below that, the zoom slider.
    grid: { top, left: 16, right: 24, bottom: 64 },
    xAxis: {
      type: xAxisType,
      // A fixed extent: zooming re-decimates the data, which must not move the axis.
      min: scatter ? undefined : extent?.min,
      max: scatter ? undefined : extent?.max,
      scale: scatter,
      name: xTitle,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle,
      axisLine,
      axisLabel,
      splitLine: { show: false },
    },
    yAxis: { ...valueAxis, scale: !stacked && visualization.yMin === null, nameLocation: 'end' },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none', zoomOnMouseWheel: 'ctrl' },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'none',
        height: 14,
        bottom: 2,
        showDetail: false,
        borderColor: palette.border,
        textStyle: { color: palette.textMuted },
      },
    ],
    series: data.series.map((series, index) => {
      const points = pointsOfSeries[index]!;
      if (scatter) {
        const large = points.length > LARGE_THRESHOLD;
        return {
          type: 'scatter',
          name: series.name,
          data: points,
          large,
          largeThreshold: LARGE_THRESHOLD,
          symbolSize: large ? 3 : 6,
        } satisfies ScatterSeriesOption;
      }
      return {
        type: 'line',
        name: series.name,
        data: points,
        stack: stacked ? 'total' : undefined,
        areaStyle: data.kind === 'areachart' ? { opacity: stacked ? 0.85 : 0.25 } : undefined,
        showSymbol: points.length <= 60,
        symbolSize: 5,
        lineStyle: { width: 1.5 },
        connectNulls: false,
        // Decimation already keeps a few points per pixel column.
        sampling: undefined,
      } satisfies LineSeriesOption;
    }),
  };
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
