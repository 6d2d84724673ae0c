/**
 * The query API's success body from the engine's result: lower-case `tables/name/columns/rows`,
 * `dynamic` cells as JSON *text* (js-monitor-query-recording_query_with_types.json shows
 * `"{\"hello\":\"world\"}"`), plus `render` (camelCase, as the Azure Monitor query SDKs document
 * it) and `statistics.query` (shaped like js-monitor-query-recording_includequerystatistics.json)
 * when the `Prefer` header asks for them.
 */
import type {
  EvaluationResult,
  PreparedDatabase,
  ResultTable,
  VisualizationProperties,
  WireValue,
} from '../kql-engine/index.ts';

export interface QueryPreferences {
  includeRender: boolean;
  includeStatistics: boolean;
}

/** `Prefer: include-render=true, include-statistics=true` (one header or several). */
export function parsePrefer(header: string | string[] | undefined): QueryPreferences {
  const values = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(/[,;]/)
    .map((part) => part.trim().toLowerCase().replace(/\s+/g, ''));
  return {
    includeRender: values.includes('include-render=true'),
    includeStatistics: values.includes('include-statistics=true'),
  };
}

export interface WireTable {
  name: string;
  columns: Array<{ name: string; type: string }>;
  rows: WireValue[][];
}

export function toWireTable(table: ResultTable): WireTable {
  const dynamicColumns = table.columns.flatMap((column, i) =>
    column.type === 'dynamic' ? [i] : [],
  );
  const rows =
    dynamicColumns.length === 0
      ? table.rows
      : table.rows.map((row) => {
          const copy = row.slice();
          for (const i of dynamicColumns) {
            const value = copy[i];
            if (value !== null && value !== undefined) copy[i] = JSON.stringify(value);
          }
          return copy;
        });
  return {
    name: table.name,
    columns: table.columns.map((column) => ({ name: column.name, type: column.type })),
    rows,
  };
}

/** Kusto's PascalCase visualization properties as the query API's camelCase `render` object. */
export function toRender(visualization: VisualizationProperties): Record<string, WireValue> {
  return {
    visualization: visualization.Visualization,
    title: visualization.Title,
    accumulate: visualization.Accumulate,
    isQuerySorted: visualization.IsQuerySorted,
    kind: visualization.Kind,
    legend: visualization.Legend,
    series: visualization.Series,
    yMin: visualization.Ymin,
    yMax: visualization.Ymax,
    xAxis: visualization.XAxis,
    xColumn: visualization.XColumn,
    xTitle: visualization.XTitle,
    yAxis: visualization.YAxis,
    yColumns: visualization.YColumns,
    ySplit: visualization.YSplit,
    yTitle: visualization.YTitle,
    anomalyColumns: visualization.AnomalyColumns,
  };
}

function cpuTime(ms: number): string {
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(hours)}:${pad(minutes)}:${seconds.toFixed(7).padStart(10, '0')}`;
}

export function queryStatistics(
  db: PreparedDatabase,
  tables: WireTable[],
  executionMs: number,
): Record<string, unknown> {
  const scanned = db.tables.reduce((sum, table) => sum + table.rowCount, 0);
  return {
    query: {
      executionTime: executionMs / 1000,
      resourceUsage: {
        cache: {
          memory: { hits: 0, misses: 0, total: 0 },
          disk: { hits: 0, misses: 0, total: 0 },
          shards: {
            hot: { hitbytes: 0, missbytes: 0, retrievebytes: 0 },
            cold: { hitbytes: 0, missbytes: 0, retrievebytes: 0 },
            bypassbytes: 0,
          },
        },
        cpu: { user: cpuTime(executionMs), kernel: '00:00:00', totalCpu: cpuTime(executionMs) },
        memory: { peakPerNode: 0 },
        network: { interClusterTotalBytes: 0, crossClusterTotalBytes: 0 },
      },
      inputDatasetStatistics: {
        extents: {
          total: db.tables.length,
          scanned: db.tables.length,
          scannedMinDatetime: '0001-01-01T00:00:00.0000000Z',
          scannedMaxDatetime: '0001-01-01T00:00:00.0000000Z',
        },
        rows: { total: scanned, scanned },
        rowstores: { scannedRows: 0, scannedValuesSize: 0 },
        shards: { queriesGeneric: 0, queriesSpecialized: 0 },
      },
      datasetStatistics: tables.map((table) => ({
        tableRowCount: table.rows.length,
        tableSize: Buffer.byteLength(JSON.stringify(table.rows)),
      })),
    },
  };
}

export function querySuccessBody(
  result: EvaluationResult,
  db: PreparedDatabase,
  preferences: QueryPreferences,
  executionMs: number,
): Record<string, unknown> {
  const tables = result.tables.map(toWireTable);
  const body: Record<string, unknown> = { tables };
  const rendered = result.tables.find((table) => table.visualization.Visualization !== null);
  if (preferences.includeRender && rendered) body.render = toRender(rendered.visualization);
  if (preferences.includeStatistics) body.statistics = queryStatistics(db, tables, executionMs);
  return body;
}
