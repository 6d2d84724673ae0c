/**
 * An ECharts instance for unit tests. Node has no canvas: ECharts' server-side SVG renderer runs
 * the same models, views and zrender handler as the console's canvas, with the chart types and
 * components the console registers (echarts-setup.ts).
 */
import { init, use as registerEChartsParts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ECharts } from '../echarts-setup';
import '../echarts-setup';

registerEChartsParts([SVGRenderer]);

export function serverSideChart(width: number, height: number): ECharts {
  return init(null, undefined, { renderer: 'svg', ssr: true, width, height });
}
