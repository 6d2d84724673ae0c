import { decodeWithExactNumbers, findLongNumberStarts } from '../query/exact-json-numbers';
import { ResponseFormatError } from '../query/response-format-error';
import {
  DataSetBuilder,
  parseVisualization,
  type CompletionStats,
  type DataSet,
  type DataSetIssue,
  type VisualizationProperties,
} from '../result-model';
import { jsonObject } from '../json/json-fields';

/**
 * Application Insights / Log Analytics query responses (protocols.md §3.2):
 * `{tables: [{name, columns: [{name, type}], rows}], render?, statistics?, error?}`. One JSON
 * object (the service caps its size), so it is parsed whole. Dynamic cells arrive as JSON text;
 * other cells may be numbers or strings (the swagger declares strings): both are accepted.
 */

type Json = Record<string, unknown>;

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function at(root: unknown, ...keys: string[]): unknown {
  let current = root;
  for (const key of keys) current = jsonObject(current)?.[key];
  return current;
}

/** Parses a whole body. Integers beyond 2^53 stay exact. */
export function parseAppInsightsBytes(bytes: Uint8Array): DataSet {
  const text = decodeWithExactNumbers(
    new TextDecoder(),
    bytes,
    0,
    bytes.length,
    findLongNumberStarts(bytes),
  );
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ResponseFormatError(
      text.trim() === ''
        ? 'The response was empty (Log Analytics answers so when the request had no JSON body).'
        : 'The response is not valid JSON.',
      text.slice(0, 200),
    );
  }
  return buildAppInsightsDataSet(body, true);
}

/** Builds the DataSet from a parsed body (`exactNumbers`: long cells may be exact-number tokens). */
export function buildAppInsightsDataSet(body: unknown, exactNumbers = false): DataSet {
  const record = jsonObject(body);
  if (!record || !Array.isArray(record.tables)) {
    throw new ResponseFormatError(
      'The response is not an Application Insights query result (an object with "tables").',
      JSON.stringify(body)?.slice(0, 2000) ?? null,
      body,
    );
  }
  const tables = record.tables.map((t) => jsonObject(t) ?? {});
  // App Insights sends no secondary tables; when none is named PrimaryResult, show them all.
  const anyNamedPrimary = tables.some((t) => t.name === 'PrimaryResult');
  const builder = new DataSetBuilder('appinsights', { dynamicTextIsJson: true });
  const primaryIds: number[] = [];
  tables.forEach((table, id) => {
    const name = str(table.name) ?? `Table_${id}`;
    const primary = !anyNamedPrimary || name === 'PrimaryResult';
    const columns = Array.isArray(table.columns)
      ? table.columns.map((c) => jsonObject(c) ?? {})
      : [];
    builder.addTable({
      id,
      name,
      kind: primary ? 'PrimaryResult' : 'Unknown',
      columns: columns.map((c) => ({
        name: String(c.name ?? ''),
        wireType: String(c.type ?? c.ColumnType ?? ''),
      })),
    });
    if (Array.isArray(table.rows))
      builder.appendRows(id, table.rows as unknown[], { exactNumbers });
    builder.completeTable(id, { rowCount: Array.isArray(table.rows) ? table.rows.length : 0 });
    if (primary) primaryIds.push(id);
  });

  const firstPrimary = primaryIds[0];
  const render = renderToVisualization(record.render);
  if (render && firstPrimary !== undefined) {
    builder.dataSet.visualizations[firstPrimary] = render;
  }
  builder.dataSet.stats = statsFromStatistics(record.statistics);

  const issues = issuesFromResponseError(record.error);
  for (const issue of issues) builder.addIssue(issue);
  builder.complete({ hasErrors: issues.some((i) => i.severity === 'error'), cancelled: false });
  return builder.finish();
}

/** camelCase keys of the `render` object → the PascalCase keys Kusto's Visualization JSON uses. */
const renderKeys: Record<string, string> = {
  yMin: 'Ymin',
  yMax: 'Ymax',
  xMin: 'Xmin',
  xMax: 'Xmax',
};

/** The query API's `render` (camelCase) as VisualizationProperties; null when absent. */
export function renderToVisualization(render: unknown): VisualizationProperties | null {
  const record = jsonObject(render);
  if (!record) return null;
  const pascal: Json = {};
  for (const [key, value] of Object.entries(record)) {
    const mapped = renderKeys[key] ?? `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
    pascal[mapped] = value;
  }
  const vis = parseVisualization(pascal);
  return vis ? { ...vis, raw: record } : null;
}

/** `statistics.query` (Prefer: include-statistics=true) as CompletionStats; null when absent. */
export function statsFromStatistics(statistics: unknown): CompletionStats | null {
  const query = jsonObject(at(statistics, 'query'));
  if (!query) return null;
  const cpu = jsonObject(at(query, 'resourceUsage', 'cpu'));
  const input = jsonObject(query.inputDatasetStatistics);
  const results = Array.isArray(query.datasetStatistics) ? query.datasetStatistics : [];
  return {
    executionTimeSec: num(query.executionTime),
    cpu: cpu
      ? { user: str(cpu.user), kernel: str(cpu.kernel), total: str(cpu.totalCpu ?? cpu.total) }
      : null,
    memoryPeakPerNode: num(at(query, 'resourceUsage', 'memory', 'peakPerNode')),
    inputDataset: input
      ? {
          extentsTotal: num(at(input, 'extents', 'total')),
          extentsScanned: num(at(input, 'extents', 'scanned')),
          rowsTotal: num(at(input, 'rows', 'total')),
          rowsScanned: num(at(input, 'rows', 'scanned')),
        }
      : null,
    resultDataset: results.map((r) => ({
      rowCount: num(jsonObject(r)?.tableRowCount),
      size: num(jsonObject(r)?.tableSize),
    })),
    workloadGroup: null,
    resourceConsumption: query,
  };
}

/**
 * The top-level `error` of a 200 (`PartialError`): one issue per detail, with the engine's own
 * message (innermost `innererror.message`) where there is one.
 */
export function issuesFromResponseError(error: unknown): DataSetIssue[] {
  const record = jsonObject(error);
  if (!record) return [];
  const code = str(record.code);
  const details = Array.isArray(record.details)
    ? record.details.map((d) => jsonObject(d) ?? {})
    : [];
  const issue = (source: Json, fallback: Json): DataSetIssue => {
    const inner = innermost(source);
    const severityName = str(inner.severityName) ?? str(source.severityName);
    const severity = num(inner.severity) ?? num(source.severity);
    return {
      severity:
        severityName?.toLowerCase() === 'warning' || (severity !== null && severity >= 3)
          ? 'warning'
          : 'error',
      source: 'response',
      code: code === 'PartialError' ? 'PartialError' : (str(source.code) ?? code),
      message:
        str(inner.message) ??
        str(source.message) ??
        str(fallback.message) ??
        'The service reported an error without a message.',
      tableId: null,
      permanent: null,
      activityId: str(record.correlationId),
      clientRequestId: null,
      raw: source,
    };
  };
  if (details.length === 0) return [issue(record, record)];
  return details.map((detail) => issue(detail, record));
}

/** The deepest `innererror` of an error object (App Insights nests them). */
export function innermost(error: Json): Json {
  let current = error;
  for (let depth = 0; depth < 10; depth++) {
    const next = jsonObject(current.innererror);
    if (!next) break;
    current = next;
  }
  return current;
}
