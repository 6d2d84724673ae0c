import { useEffect, useMemo, useRef, useState } from 'react';
import { buildChartData } from '../../lib/chart-data/build-chart-data';
import type {
  ChartColumn,
  ChartData,
  ChartProblem,
  ChartVisualization,
} from '../../lib/chart-data/chart-types';
import { describeChart } from '../../lib/chart-data/describe-chart';
import {
  buildEChartsOption,
  isLogY,
  plotMinHeight,
  summarizeOption,
  xExtent,
  xyPoints,
  zoomWindow,
} from './build-echarts-option';
import { pagePalette, samePalette, type ChartPalette } from './chart-palette';
import { CardView } from './card-view';
import { createChart, keepSeriesDataAsIs, type ECharts } from './echarts-setup';
import './result-chart.css';

/** How long a zoom gesture must pause before the window is re-decimated at full detail. */
const ZOOM_SETTLE_MS = 120;

interface ResultChartBase {
  /** Columns with their Kusto types. */
  columns: ChartColumn[];
  visualization: ChartVisualization;
  theme: 'light' | 'dark';
}

/**
 * Either the rows, shaped here (a card; tests): numbers, bigints or numeric strings (long,
 * decimal); datetimes as epoch milliseconds (preferred) or ISO-8601 text; strings; null. Or the
 * chart already shaped from them (by the worker's `chart` job).
 */
export type ResultChartProps = ResultChartBase &
  ({ rows: unknown[][] } | { data: ChartData | ChartProblem });

/**
 * A result drawn as the query's `render` asks (or as its columns suggest when it has none).
 * Lazy-loaded by the shell. When the result cannot be drawn it says why in one line; the
 * table stays the way to read the data.
 */
export default function ResultChart(props: ResultChartProps) {
  const { columns, visualization, theme } = props;
  const rows = 'rows' in props ? props.rows : null;
  const shaped = 'data' in props ? props.data : null;
  // buildChartData applies `accumulate` itself (running totals in x order).
  const data = useMemo(
    () => shaped ?? buildChartData(columns, rows ?? [], visualization),
    [shaped, columns, rows, visualization],
  );
  if (visualization.visualization?.toLowerCase() === 'card') {
    return <CardView columns={columns} rows={rows ?? []} visualization={visualization} />;
  }
  if ('problem' in data) {
    return (
      <p className="result-chart__message" role="note">
        {data.problem}
      </p>
    );
  }
  return (
    <figure className="result-chart">
      <ChartCanvas data={data} visualization={visualization} theme={theme} />
      {data.notes.length > 0 && (
        <ul className="result-chart__notes">
          {data.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </figure>
  );
}

interface ChartCanvasProps {
  data: ChartData;
  visualization: ChartVisualization;
  theme: 'light' | 'dark';
}

function ChartCanvas({ data, visualization, theme }: ChartCanvasProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<ECharts | null>(null);
  // Read now, so the first draw has the page's colours and font: drawing with the fallbacks
  // and again a frame later cost a second full ECharts update (96 ms for 50 series).
  const [palette, setPalette] = useState<ChartPalette>(() => pagePalette(theme));
  const [ready, setReady] = useState(false);
  const [summary, setSummary] = useState('');
  // The window last drawn again after a zoom and how many points fall in it (for tests and
  // tooling, like summary).
  const [detail, setDetail] = useState('');

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    const created = createChart(plot);
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // The observer also reports the size it starts with: laying a chart of that size out
        // again is a full ECharts update for nothing (37 ms for 50 series).
        if (plot.clientWidth === created.getWidth() && plot.clientHeight === created.getHeight())
          return;
        created.resize();
      });
    });
    observer.observe(plot);
    setChart(created);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      created.dispose();
      setChart(null);
    };
  }, []);

  // The shell may switch data-theme in its own effect, after ours: read the variables a frame
  // later so they are the new theme's.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const next = pagePalette(theme);
      // An equal palette keeps its identity, so the chart is not drawn again.
      setPalette((current) => (samePalette(current, next) ? current : next));
    });
    return () => cancelAnimationFrame(frame);
  }, [theme]);

  useEffect(() => {
    const plot = plotRef.current;
    if (!chart || !plot) return;
    const size = {
      width: Math.max(200, plot.clientWidth),
      height: Math.max(120, plot.clientHeight),
    };
    const option = buildEChartsOption({ data, visualization, palette, size });
    const onFinished = () => setReady(true);
    setReady(false);
    setDetail('');
    chart.on('finished', onFinished);
    keepSeriesDataAsIs(option);
    chart.setOption(option, { notMerge: true });
    setSummary(JSON.stringify(summarizeOption(option)));

    // Zooming re-decimates the visible window from the full series, so detail returns. It waits
    // for the gesture to pause: redrawing on every wheel step would double the work.
    const extent = data.shape === 'xy' && data.kind !== 'scatterchart' ? xExtent(data) : null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refine = () => {
      if (!extent || data.shape !== 'xy') return;
      const zoom = (chart.getOption() as { dataZoom?: { start?: number; end?: number }[] })
        .dataZoom?.[0];
      const window = zoomWindow(extent, zoom?.start ?? 0, zoom?.end ?? 100);
      const size = { width: Math.max(200, plot.clientWidth), height: plot.clientHeight };
      const points = xyPoints(data, size, window, isLogY(visualization));
      const update = { series: points.map((d) => ({ data: d })) };
      keepSeriesDataAsIs(update);
      chart.setOption(update, { lazyUpdate: true });
      let visible = 0;
      for (const series of points)
        for (const [x] of series) if (x >= window.from && x <= window.to) visible++;
      setDetail(JSON.stringify({ from: window.from, to: window.to, points: visible }));
    };
    const onZoom = () => {
      clearTimeout(timer);
      timer = setTimeout(refine, ZOOM_SETTLE_MS);
    };
    chart.on('datazoom', onZoom);
    return () => {
      clearTimeout(timer);
      // On unmount the first effect's cleanup has disposed the chart already (cleanups run in
      // declaration order), and ECharts warns on every call to a disposed instance.
      if (chart.isDisposed()) return;
      chart.off('finished', onFinished);
      chart.off('datazoom', onZoom);
    };
  }, [chart, data, visualization, palette]);

  return (
    <div
      className="result-chart__canvas"
      role="img"
      aria-label={describeChart(data, visualization.title)}
      data-chart-state={ready ? 'ready' : 'drawing'}
      data-chart-summary={summary}
      data-chart-detail={detail || undefined}
    >
      <div
        ref={plotRef}
        className="result-chart__plot"
        style={{ minHeight: plotMinHeight(data) ?? undefined }}
      />
    </div>
  );
}
