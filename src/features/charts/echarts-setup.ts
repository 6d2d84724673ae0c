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
import { init, use as registerEChartsParts, type ECharts } from 'echarts/core';
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

export type { ECharts };
