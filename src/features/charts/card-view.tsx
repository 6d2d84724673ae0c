import type { ChartColumn, ChartVisualization } from '../../lib/chart-data/chart-types';
import './card-view.css';

interface CardViewProps {
  columns: ChartColumn[];
  rows: unknown[][];
  visualization: ChartVisualization;
}

/**
 * `render card`: the first value of the result shown large, with its column name (or the
 * render's title) as the caption. Text only.
 */
export function CardView({ columns, rows, visualization }: CardViewProps) {
  const column = visualization.yColumns?.[0]
    ? columns.findIndex((c) => c.name === visualization.yColumns?.[0])
    : 0;
  const index = Math.max(0, column);
  const value = rows[0]?.[index];
  const text =
    value === null || value === undefined
      ? '—'
      : typeof value === 'number'
        ? value.toLocaleString('en-US')
        : /^-?\d+(\.\d+)?$/.test(String(value))
          ? Number(value).toLocaleString('en-US', { maximumFractionDigits: 6 })
          : String(value);
  const caption = visualization.title ?? columns[index]?.name ?? '';
  return (
    <figure className="card-view" role="figure" aria-label={`Card: ${caption} ${text}`}>
      <div className="card-view__value">{text}</div>
      <figcaption className="card-view__caption">{caption}</figcaption>
    </figure>
  );
}
