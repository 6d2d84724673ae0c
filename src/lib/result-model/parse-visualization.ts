import type { VisualizationProperties } from './result-types';

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function list(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return null;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : null;
}

function finiteNumber(value: unknown): number | null {
  const num = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(num) ? num : null;
}

/**
 * Parses the `Visualization` value of @ExtendedProperties: JSON text (as recordings carry it
 * even in a dynamic column) or an already parsed object. Null when it is neither.
 */
export function parseVisualization(value: unknown): VisualizationProperties | null {
  let raw: unknown = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  return {
    visualization: text(r.Visualization),
    title: text(r.Title),
    xColumn: text(r.XColumn),
    series: list(r.Series),
    yColumns: list(r.YColumns),
    anomalyColumns: list(r.AnomalyColumns),
    xTitle: text(r.XTitle),
    yTitle: text(r.YTitle),
    xAxis: text(r.XAxis),
    yAxis: text(r.YAxis),
    legend: text(r.Legend),
    ySplit: text(r.YSplit),
    accumulate: r.Accumulate === true,
    isQuerySorted: r.IsQuerySorted === true,
    kind: text(r.Kind),
    yMin: finiteNumber(r.Ymin),
    yMax: finiteNumber(r.Ymax),
    xMin: r.Xmin ?? null,
    xMax: r.Xmax ?? null,
    raw: r,
  };
}
