/**
 * ECharts with only what Quarry draws: five chart types, their components and the canvas
 * renderer (tree-shaken; the full `echarts` entry is several times larger).
 */
import { BarChart, CustomChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  LegendScrollComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use as registerEChartsParts, zrUtil, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

registerEChartsParts([
  LineChart,
  BarChart,
  PieChart,
  ScatterChart,
  // The ladder chart's rungs.
  CustomChart,
  GridComponent,
  TooltipComponent,
  LegendScrollComponent,
  TitleComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  CanvasRenderer,
]);

export function createChart(element: HTMLElement): ECharts {
  return init(element, undefined, { renderer: 'canvas' });
}

/**
 * Marks every series' `data` array as a value ECharts keeps as it is: otherwise `setOption`
 * deep-clones the option, one small array per point. For the bench's time chart (50 series ×
 * 365 days) `setOption` took 58–69 ms with this and 65–89 ms without (`bench/chart-draw-check.ts`,
 * 5 runs each). Safe because Quarry builds a new option for every draw and never changes one it
 * has handed over.
 */
export function keepSeriesDataAsIs(option: object): void {
  const all = 'series' in option ? option.series : undefined;
  const series: unknown[] = Array.isArray(all) ? all : [all];
  for (const one of series)
    if (one && typeof one === 'object' && 'data' in one && Array.isArray(one.data))
      zrUtil.setAsPrimitive(one.data);
}

export type { ECharts };
