import { ResponseFormatError } from '../query/response-format-error';
import {
  DataSetBuilder,
  NO_RENDER_PROPERTIES,
  type DataSet,
  type DataSetIssue,
} from '../result-model';
import { jsonObject } from '../json/json-fields';

/**
 * Prometheus HTTP API query answers (`/api/v1/query`, `/api/v1/query_range`):
 * `{status: "success", data: {resultType, result}, warnings?, infos?}`. The body is one JSON
 * object, parsed whole, into the same DataSet every source produces:
 * - instant vectors: one row per series, its labels as columns, then `timestamp` and `value`;
 * - matrices (range queries, or a range selector): long format, one row per sample
 *   (`timestamp`, labels, `value`); a range query's table carries a time chart, one line per
 *   label set;
 * - scalars and strings: one row.
 */

type Json = Record<string, unknown>;

/** How the answer is shown: a range query draws its matrix as a time chart. */
export type PrometheusResultShape = 'instant' | 'range';

interface Series {
  labels: Record<string, string>;
  samples: [number, unknown][];
}

/** `[<unix seconds>, "<value>"]` → [seconds, value]; null when it is not a sample. */
function sample(value: unknown): [number, unknown] | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  const seconds = Number(value[0]);
  return Number.isFinite(seconds) ? [seconds, value[1]] : null;
}

/** Prometheus writes special floats as "+Inf", "-Inf", "NaN"; the result model reads JS names. */
function sampleValue(raw: unknown): number | string | null {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return null;
  if (raw === '+Inf' || raw === 'Inf') return 'Infinity';
  if (raw === '-Inf') return '-Infinity';
  if (raw === 'NaN') return 'NaN';
  const value = Number(raw);
  return Number.isFinite(value) ? value : 'NaN';
}

function isoTime(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString();
}

function readSeries(result: unknown[], what: 'vector' | 'matrix'): Series[] {
  return result.map((entry, index) => {
    const record = jsonObject(entry);
    const metric = jsonObject(record?.metric);
    if (!record || !metric) {
      throw new ResponseFormatError(
        `Series ${index + 1} of the ${what} has no "metric" labels.`,
        JSON.stringify(entry)?.slice(0, 500) ?? null,
      );
    }
    const labels: Record<string, string> = {};
    for (const [name, value] of Object.entries(metric)) labels[name] = String(value);
    const raw =
      what === 'vector' ? [record.value] : Array.isArray(record.values) ? record.values : [];
    // Native histograms (`histogram`/`histograms`) have no float value: their samples are skipped.
    const samples = raw.map(sample).filter((s): s is [number, unknown] => s !== null);
    return { labels, samples };
  });
}

/** Label columns in a stable order: `__name__` first, the rest by name. */
function labelColumns(series: readonly Series[]): string[] {
  const names = new Set<string>();
  for (const s of series) for (const name of Object.keys(s.labels)) names.add(name);
  return [...names].sort((a, b) =>
    a === '__name__' ? -1 : b === '__name__' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
}

function issues(record: Json): DataSetIssue[] {
  const list = (key: 'warnings' | 'infos') =>
    Array.isArray(record[key]) ? (record[key] as unknown[]).map(String) : [];
  return [...list('warnings'), ...list('infos')].map((message) => ({
    severity: 'warning',
    source: 'response',
    code: 'PrometheusWarning',
    message,
    tableId: null,
    permanent: null,
    activityId: null,
    clientRequestId: null,
    raw: message,
  }));
}

/** Parses a whole query answer. */
export function parsePrometheusBytes(bytes: Uint8Array, shape: PrometheusResultShape): DataSet {
  const text = new TextDecoder().decode(bytes);
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ResponseFormatError(
      text.trim() === '' ? 'The response was empty.' : 'The response is not valid JSON.',
      text.slice(0, 200),
    );
  }
  return buildPrometheusDataSet(body, shape);
}

export function buildPrometheusDataSet(body: unknown, shape: PrometheusResultShape): DataSet {
  const record = jsonObject(body);
  const data = jsonObject(record?.data);
  if (!record || record.status !== 'success' || !data || typeof data.resultType !== 'string') {
    throw new ResponseFormatError(
      'The response is not a Prometheus query result ({"status":"success","data":{"resultType",…}}).',
      JSON.stringify(body)?.slice(0, 2000) ?? null,
      body,
    );
  }
  const builder = new DataSetBuilder('prometheus');
  const resultType = data.resultType;
  const result = data.result;

  if (resultType === 'vector' || resultType === 'matrix') {
    if (!Array.isArray(result)) {
      throw new ResponseFormatError(`The ${resultType} has no "result" list.`, null, body);
    }
    const series = readSeries(result, resultType);
    const labels = labelColumns(series);
    const labelSpecs = labels.map((name) => ({ name, wireType: 'string' }));
    const time = { name: 'timestamp', wireType: 'datetime' };
    const value = { name: 'value', wireType: 'real' };
    builder.addTable({
      id: 0,
      name: 'PrimaryResult',
      kind: 'PrimaryResult',
      // Instant: the series first (one row each); matrix: the sample's time first (long format).
      columns:
        resultType === 'vector' ? [...labelSpecs, time, value] : [time, ...labelSpecs, value],
    });
    const rows: unknown[][] = [];
    for (const s of series) {
      const labelCells = labels.map((name) => s.labels[name] ?? null);
      for (const [seconds, raw] of s.samples) {
        rows.push(
          resultType === 'vector'
            ? [...labelCells, isoTime(seconds), sampleValue(raw)]
            : [isoTime(seconds), ...labelCells, sampleValue(raw)],
        );
      }
    }
    builder.appendRows(0, rows);
    builder.completeTable(0, { rowCount: rows.length });
    if (resultType === 'matrix' && shape === 'range') {
      builder.dataSet.visualizations[0] = {
        ...NO_RENDER_PROPERTIES,
        visualization: 'timechart',
        xColumn: 'timestamp',
        series: labels,
        yColumns: ['value'],
        raw: { Visualization: 'timechart', Source: 'prometheus' },
      };
    }
  } else if (resultType === 'scalar' || resultType === 'string') {
    const point = sample(result);
    builder.addTable({
      id: 0,
      name: 'PrimaryResult',
      kind: 'PrimaryResult',
      columns: [
        { name: 'timestamp', wireType: 'datetime' },
        { name: 'value', wireType: resultType === 'scalar' ? 'real' : 'string' },
      ],
    });
    if (point) {
      const [seconds, raw] = point;
      builder.appendRows(0, [
        [isoTime(seconds), resultType === 'scalar' ? sampleValue(raw) : String(raw)],
      ]);
    }
    builder.completeTable(0, { rowCount: point ? 1 : 0 });
  } else {
    throw new ResponseFormatError(
      `Unknown Prometheus result type "${resultType}".`,
      JSON.stringify(data).slice(0, 500),
      body,
    );
  }

  for (const issue of issues(record)) builder.addIssue(issue);
  builder.complete({ hasErrors: false, cancelled: false });
  return builder.finish();
}
