import { readCell } from './cell-access';
import type { CompletionStats, DataSetIssue, ResultTable } from './result-types';

function columnIndex(table: ResultTable, name: string): number {
  return table.columns.findIndex((c) => c.name === name);
}

function value(table: ResultTable, row: number, col: number): unknown {
  const column = col >= 0 ? table.data[col] : undefined;
  return column ? readCell(column, row) : null;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : null;
}

function parsePayload(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function path(root: unknown, ...keys: string[]): unknown {
  let current: unknown = root;
  for (const key of keys) current = asRecord(current)?.[key];
  return current;
}

export function statsFromResourceConsumption(payload: Record<string, unknown>): CompletionStats {
  const cpu = asRecord(path(payload, 'resource_usage', 'cpu'));
  const input = asRecord(payload.input_dataset_statistics);
  const results = Array.isArray(payload.dataset_statistics) ? payload.dataset_statistics : [];
  return {
    executionTimeSec: num(payload.ExecutionTime),
    cpu: cpu
      ? {
          user: str(cpu.user),
          kernel: str(cpu.kernel),
          total: str(cpu['total cpu'] ?? cpu.totalcpu),
        }
      : null,
    memoryPeakPerNode: num(path(payload, 'resource_usage', 'memory', 'peak_per_node')),
    inputDataset: input
      ? {
          extentsTotal: num(path(input, 'extents', 'total')),
          extentsScanned: num(path(input, 'extents', 'scanned')),
          rowsTotal: num(path(input, 'rows', 'total')),
          rowsScanned: num(path(input, 'rows', 'scanned')),
        }
      : null,
    resultDataset: results.map((r) => ({
      rowCount: num(asRecord(r)?.table_row_count),
      size: num(asRecord(r)?.table_size),
    })),
    workloadGroup: null,
    resourceConsumption: payload,
  };
}

function emptyStats(): CompletionStats {
  return {
    executionTimeSec: null,
    cpu: null,
    memoryPeakPerNode: null,
    inputDataset: null,
    resultDataset: [],
    workloadGroup: null,
    resourceConsumption: null,
  };
}

export interface CompletionFindings {
  stats: CompletionStats | null;
  issues: DataSetIssue[];
}

/**
 * Reads v2 QueryCompletionInformation or v1 QueryStatus: resource usage becomes stats, rows at
 * Level/Severity ≤ 2 become errors and 3 warnings (the SDKs' rule).
 */
export function readCompletionTable(table: ResultTable): CompletionFindings {
  const v2 = columnIndex(table, 'Level') >= 0;
  const levelCol = columnIndex(table, v2 ? 'Level' : 'Severity');
  const payloadCol = columnIndex(table, v2 ? 'Payload' : 'StatusDescription');
  const eventCol = columnIndex(table, v2 ? 'EventTypeName' : 'SeverityName');
  const statusCol = columnIndex(table, v2 ? 'StatusCodeName' : 'StatusCode');
  const activityCol = columnIndex(table, 'ActivityId');
  const requestCol = columnIndex(table, v2 ? 'ClientRequestId' : 'ClientActivityId');

  let stats: CompletionStats | null = null;
  let workloadGroup: string | null = null;
  const issues: DataSetIssue[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    const level = num(value(table, row, levelCol));
    const event = str(value(table, row, eventCol));
    const payload = parsePayload(value(table, row, payloadCol));
    const record = asRecord(payload);
    if (record && ('ExecutionTime' in record || event === 'QueryResourceConsumption')) {
      stats = statsFromResourceConsumption(record);
      continue;
    }
    if (event === 'WorkloadGroup') {
      workloadGroup = str(record?.Text) ?? str(payload);
      continue;
    }
    if (level !== null && level <= 3) {
      const status = value(table, row, statusCol);
      issues.push({
        severity: level <= 2 ? 'error' : 'warning',
        source: 'completion-information',
        code: status === null ? null : String(status),
        message: str(record?.Text) ?? str(payload) ?? String(status ?? 'Unknown problem'),
        tableId: null,
        permanent: null,
        activityId: str(value(table, row, activityCol)),
        clientRequestId: str(value(table, row, requestCol)),
        raw: payload,
      });
    }
  }
  if (workloadGroup !== null) stats = { ...(stats ?? emptyStats()), workloadGroup };
  return { stats, issues };
}
