import { useEffect, useMemo, useRef, useState } from 'react';
import { buildChartData } from '../../lib/chart-data/build-chart-data';
import type {
  ChartColumn,
  ChartData,
  ChartProblem,
  ChartVisualization,
} from '../../lib/chart-data/chart-types';
import { describeChart } from '../../lib/chart-data/describe-chart';
import { plotMinHeight } from './build-echarts-option';
import { pagePalette, samePalette, type ChartPalette } from './chart-palette';
import { CardView } from './card-view';
import { createChartSurface, type ChartSurface } from './chart-surface';
import './result-chart.css';

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
  const [surface, setSurface] = useState<ChartSurface | null>(null);
  // Read now, so the first draw has the page's colours and font: drawing with the fallbacks
  // and again a frame later cost a second full ECharts update (96 ms for 50 series).
  const [palette, setPalette] = useState<ChartPalette>(() => pagePalette(theme));
  const [ready, setReady] = useState(false);
  const [summary, setSummary] = useState('');
  // The window last drawn again after a zoom and how many points fall in it (for tests and
  // tooling, like summary).
  const [detail, setDetail] = useState('');
  const [failure, setFailure] = useState('');

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    let created: ChartSurface | null = null;
    let unmounted = false;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // A hidden tab has no size; its chart keeps the last one.
        if (!created || plot.clientWidth === 0 || plot.clientHeight === 0) return;
        created.resize({ width: plot.clientWidth, height: plot.clientHeight });
      });
    });
    void createChartSurface(plot).then((surface) => {
      if (unmounted) return surface.dispose();
      created = surface;
      observer.observe(plot);
      setSurface(surface);
    });
    return () => {
      unmounted = true;
      cancelAnimationFrame(frame);
      observer.disconnect();
      created?.dispose();
      setSurface(null);
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
    if (!surface || !plot) return;
    const size = {
      width: Math.max(200, plot.clientWidth),
      height: Math.max(120, plot.clientHeight),
    };
    setReady(false);
    setDetail('');
    setFailure('');
    surface.draw(
      { data, visualization, palette, size },
      {
        finished: () => setReady(true),
        summary: setSummary,
        detail: setDetail,
        failed: setFailure,
      },
    );
  }, [surface, data, visualization, palette]);

  return (
    <>
      {failure && (
        <p className="result-chart__message" role="alert">
          The chart could not be drawn: {failure}. Reload the page to try again; the Table view
          shows the same rows.
        </p>
      )}
      <div
        className="result-chart__canvas"
        role="img"
        aria-label={describeChart(data, visualization.title)}
        data-chart-state={failure ? 'failed' : ready ? 'ready' : 'drawing'}
        // Kept mounted (the plot holds the surface), out of sight: the message says it all.
        hidden={Boolean(failure)}
        data-chart-summary={summary}
        data-chart-detail={detail || undefined}
      >
        <div
          ref={plotRef}
          className="result-chart__plot"
          style={{ minHeight: plotMinHeight(data) ?? undefined }}
        />
      </div>
    </>
  );
}
