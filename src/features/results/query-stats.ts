/**
 * The query statistics as ADX's Stats pane shows them, from what QueryCompletionInformation's
 * QueryResourceConsumption row (v1: QueryStatus) said: CPU time, peak memory, data scanned and
 * the cache. Pure: figures in, labelled text out.
 */
import { parseTimespanTicks, type CompletionStats } from '../../lib/result-model';

export interface StatRow {
  label: string;
  value: string;
  /** A second line of detail (the parts of a total). */
  detail?: string;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function numberAt(root: unknown, ...keys: string[]): number | null {
  let current: unknown = root;
  for (const key of keys) current = asRecord(current)?.[key];
  return typeof current === 'number' && Number.isFinite(current) ? current : null;
}

const count = (n: number) => n.toLocaleString('en-US');

/** 1,536 → "1.5 KB": binary units, as ADX writes sizes. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${count(value)} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** A timespan text ("00:00:01.2345670") as "1.235 s" / "12.3 ms"; unreadable text as sent. */
export function formatCpu(timespan: string): string {
  const ticks = parseTimespanTicks(timespan);
  if (Number.isNaN(ticks)) return timespan;
  const ms = ticks / 10_000;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(3)} s`;
}

function percent(part: number, whole: number): string {
  const value = (part / whole) * 100;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

/** The rows of the Stats tab; figures the server did not send are left out. */
export function describeQueryStats(stats: CompletionStats): StatRow[] {
  const rows: StatRow[] = [];
  if (stats.cpu?.total) {
    const parts = [
      stats.cpu.user ? `user ${formatCpu(stats.cpu.user)}` : null,
      stats.cpu.kernel ? `kernel ${formatCpu(stats.cpu.kernel)}` : null,
    ].filter((p): p is string => p !== null);
    rows.push({
      label: 'CPU time',
      value: formatCpu(stats.cpu.total),
      ...(parts.length ? { detail: parts.join(' · ') } : {}),
    });
  }
  if (stats.executionTimeSec !== null) {
    rows.push({ label: 'Server execution time', value: `${stats.executionTimeSec.toFixed(3)} s` });
  }
  if (stats.memoryPeakPerNode !== null) {
    rows.push({ label: 'Peak memory per node', value: formatBytes(stats.memoryPeakPerNode) });
  }
  const input = stats.inputDataset;
  if (input?.extentsScanned != null) {
    rows.push({
      label: 'Extents scanned',
      value: count(input.extentsScanned),
      ...(input.extentsTotal != null ? { detail: `of ${count(input.extentsTotal)}` } : {}),
    });
  }
  if (input?.rowsScanned != null) {
    rows.push({
      label: 'Rows scanned',
      value: count(input.rowsScanned),
      ...(input.rowsTotal != null ? { detail: `of ${count(input.rowsTotal)}` } : {}),
    });
  }
  const cache = asRecord(asRecord(stats.resourceConsumption?.resource_usage)?.cache);
  const hitBytes = numberAt(cache, 'shards', 'hot', 'hitbytes');
  const missBytes = numberAt(cache, 'shards', 'hot', 'missbytes');
  const coldHit = numberAt(cache, 'shards', 'cold', 'hitbytes') ?? 0;
  const coldMiss = numberAt(cache, 'shards', 'cold', 'missbytes') ?? 0;
  const bypass = numberAt(cache, 'shards', 'bypassbytes') ?? 0;
  if (hitBytes !== null && missBytes !== null) {
    const scanned = hitBytes + missBytes + coldHit + coldMiss + bypass;
    rows.push({
      label: 'Data scanned',
      value: formatBytes(scanned),
      detail: `hot cache: ${formatBytes(hitBytes)} hit, ${formatBytes(missBytes)} missed`,
    });
  }
  const memoryHits = numberAt(cache, 'memory', 'hits');
  const memoryTotal =
    numberAt(cache, 'memory', 'total') ??
    (memoryHits !== null ? memoryHits + (numberAt(cache, 'memory', 'misses') ?? 0) : null);
  if (memoryHits !== null && memoryTotal) {
    rows.push({
      label: 'Cache hit ratio',
      value: percent(memoryHits, memoryTotal),
      detail: `memory cache: ${count(memoryHits)} of ${count(memoryTotal)} extents`,
    });
  } else if (hitBytes !== null && missBytes !== null && hitBytes + missBytes > 0) {
    rows.push({ label: 'Cache hit ratio', value: percent(hitBytes, hitBytes + missBytes) });
  }
  stats.resultDataset.forEach((result, index) => {
    if (result.rowCount === null) return;
    rows.push({
      label: stats.resultDataset.length > 1 ? `Result ${index + 1}` : 'Result',
      value: `${count(result.rowCount)} row${result.rowCount === 1 ? '' : 's'}`,
      ...(result.size !== null ? { detail: formatBytes(result.size) } : {}),
    });
  });
  if (stats.workloadGroup) rows.push({ label: 'Workload group', value: stats.workloadGroup });
  return rows;
}
