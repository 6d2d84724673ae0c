/** ECharts on the page's own thread: browsers without OffscreenCanvas, and unit tests. */
import type { PlotSize } from './build-echarts-option';
import { drawOnChart } from './chart-driver';
import type { ChartSurface } from './chart-surface';
import { createChart } from './echarts-setup';

/** The plot's size for a redraw after a zoom, as the first draw measures it. */
function zoomPlotSize(plot: HTMLElement): PlotSize {
  return { width: Math.max(200, plot.clientWidth), height: plot.clientHeight };
}

export function pageChartSurface(plot: HTMLElement): ChartSurface {
  const chart = createChart(plot);
  let stop: (() => void) | null = null;
  return {
    draw(input, report) {
      stop?.();
      stop = drawOnChart(chart, input, report, () => zoomPlotSize(plot));
    },
    resize(size) {
      // Laying a chart of the same size out again is a full ECharts update for nothing.
      if (size.width === chart.getWidth() && size.height === chart.getHeight()) return;
      chart.resize();
    },
    dispose() {
      stop?.();
      chart.dispose();
    },
  };
}
