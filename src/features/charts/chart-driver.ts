/**
 * Draws one shaped result on an ECharts instance and keeps it in step with zooming. The same
 * code runs on the page (no OffscreenCanvas) and in the chart worker, so both draw alike.
 */
import type { ChartData, ChartVisualization } from '../../lib/chart-data/chart-types';
import {
  buildEChartsOption,
  isLogY,
  summarizeOption,
  xExtent,
  xyPoints,
  zoomWindow,
  type PlotSize,
} from './build-echarts-option';
import type { ChartPalette } from './chart-palette';
import { keepSeriesDataAsIs, type ECharts } from './echarts-setup';

/** How long a zoom gesture must pause before the window is re-decimated at full detail. */
export const ZOOM_SETTLE_MS = 120;

export interface DrawInput {
  data: ChartData;
  visualization: ChartVisualization;
  palette: ChartPalette;
  size: PlotSize;
}

/** What a drawing tells its host (for `data-chart-*`, which tests and tooling read). */
export interface DrawReport {
  /** ECharts has finished drawing (after the first draw and after every redraw). */
  finished(): void;
  /** The drawn option, summarised (JSON). */
  summary(json: string): void;
  /** The window drawn again after a zoom and the points inside it (JSON). */
  detail(json: string): void;
  /** The chart could not be drawn (the chart worker failed); says why. */
  failed(message: string): void;
}

/**
 * Draws `input` (replacing whatever was drawn) and returns a function that stops listening.
 * `plotSize` reads the plot's size (CSS pixels) at the time of a zoom.
 */
export function drawOnChart(
  chart: ECharts,
  input: DrawInput,
  report: DrawReport,
  plotSize: () => PlotSize,
): () => void {
  const { data, visualization } = input;
  const option = buildEChartsOption(input);
  const onFinished = () => report.finished();
  chart.on('finished', onFinished);
  keepSeriesDataAsIs(option);
  chart.setOption(option, { notMerge: true });
  report.summary(JSON.stringify(summarizeOption(option)));

  // Zooming re-decimates the visible window from the full series, so detail returns. It waits
  // for the gesture to pause: redrawing on every wheel step would double the work.
  const extent = data.shape === 'xy' && data.kind !== 'scatterchart' ? xExtent(data) : null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refine = () => {
    if (!extent || data.shape !== 'xy') return;
    const zoom = (chart.getOption() as { dataZoom?: { start?: number; end?: number }[] })
      .dataZoom?.[0];
    const window = zoomWindow(extent, zoom?.start ?? 0, zoom?.end ?? 100);
    const plot = plotSize();
    // At least as wide as the first draw measures it (result-chart.tsx).
    const size = { width: Math.max(200, plot.width), height: plot.height };
    const points = xyPoints(data, size, window, isLogY(visualization));
    const update = { series: points.map((d) => ({ data: d })) };
    keepSeriesDataAsIs(update);
    chart.setOption(update, { lazyUpdate: true });
    let visible = 0;
    for (const series of points)
      for (const [x] of series) if (x >= window.from && x <= window.to) visible++;
    report.detail(JSON.stringify({ from: window.from, to: window.to, points: visible }));
  };
  const onZoom = () => {
    clearTimeout(timer);
    timer = setTimeout(refine, ZOOM_SETTLE_MS);
  };
  chart.on('datazoom', onZoom);
  return () => {
    clearTimeout(timer);
    // A chart disposed already (the page's unmount) warns on every further call.
    if (chart.isDisposed()) return;
    chart.off('finished', onFinished);
    chart.off('datazoom', onZoom);
  };
}
