/** ECharts on the page's own thread: browsers without OffscreenCanvas, and unit tests. */
import { drawOnChart } from './chart-driver';
import type { ChartSurface } from './chart-surface';
import { createChart } from './echarts-setup';

export function pageChartSurface(plot: HTMLElement): ChartSurface {
  const chart = createChart(plot);
  let stop: (() => void) | null = null;
  return {
    draw(input, report) {
      stop?.();
      stop = drawOnChart(chart, input, report, () => ({
        width: plot.clientWidth,
        height: plot.clientHeight,
      }));
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
