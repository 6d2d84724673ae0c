/**
 * The stand-in's own measurement of each query, reported in QueryResourceConsumption the way a
 * cluster reports it: CPU time (this process's user and kernel time while it evaluated and wrote
 * the result), peak memory (the heap growth seen while the query ran, sampled at its stages,
 * never less than the result it held), the data scanned (extents, rows and bytes of the stored
 * tables the query read) and the extent cache (an extent is cold the first time a query reads
 * it, then hot until the stand-in is reset).
 */
import type { WireValue } from './kql-engine-api.ts';

/** Stored tables are kept as extents of this many rows (real extents are larger; the count matters, not the size). */
export const EXTENT_ROWS = 16_384;

export interface ScannedTable {
  name: string;
  rows: number;
}

/** What the query's own tables weigh: rows per extent, bytes per row (estimated once per table). */
export interface TableWeights {
  /** Rows the table holds. */
  rowCount(name: string): number;
  /** Estimated bytes per row of the table (UTF-8 text, 8 per number). */
  bytesPerRow(name: string): number;
}

export interface CacheCounts {
  hits: number;
  misses: number;
}

/** Which extents have been read since the stand-in started (or was reset). */
export class ExtentCache {
  private readonly hot = new Set<string>();

  /** Counts this read's extents as hits or misses, then keeps them hot. */
  read(database: string, table: string, extents: number): CacheCounts {
    const counts = { hits: 0, misses: 0 };
    for (let i = 0; i < extents; i++) {
      const key = `${database}/${table}/${i}`;
      if (this.hot.has(key)) counts.hits++;
      else {
        counts.misses++;
        this.hot.add(key);
      }
    }
    return counts;
  }

  clear(): void {
    this.hot.clear();
  }
}

export interface QueryMeasurement {
  cpuUserMicros: number;
  cpuKernelMicros: number;
  memoryPeakBytes: number;
  extentsTotal: number;
  extentsScanned: number;
  rowsTotal: number;
  rowsScanned: number;
  memoryCache: CacheCounts;
  hitBytes: number;
  missBytes: number;
}

/** Starts measuring a query; `sample()` at each stage, `finish()` when its result is written. */
export class QueryMeter {
  private readonly cpu = process.cpuUsage();
  private readonly heapAtStart = process.memoryUsage().heapUsed;
  private peakGrowth = 0;

  sample(): void {
    this.peakGrowth = Math.max(this.peakGrowth, process.memoryUsage().heapUsed - this.heapAtStart);
  }

  finish(input: {
    database: string;
    scanned: readonly ScannedTable[];
    weights: TableWeights;
    cache: ExtentCache;
    resultBytes: number;
  }): QueryMeasurement {
    this.sample();
    const cpu = process.cpuUsage(this.cpu);
    const measurement: QueryMeasurement = {
      cpuUserMicros: cpu.user,
      cpuKernelMicros: cpu.system,
      memoryPeakBytes: Math.max(this.peakGrowth, input.resultBytes),
      extentsTotal: 0,
      extentsScanned: 0,
      rowsTotal: 0,
      rowsScanned: 0,
      memoryCache: { hits: 0, misses: 0 },
      hitBytes: 0,
      missBytes: 0,
    };
    for (const table of input.scanned) {
      const total = input.weights.rowCount(table.name);
      const extents = Math.ceil(total / EXTENT_ROWS);
      measurement.extentsTotal += extents;
      measurement.rowsTotal += total;
      // The stand-in reads every extent of a table it touches (no pruning by shard metadata).
      measurement.extentsScanned += extents;
      measurement.rowsScanned += table.rows;
      const counts = input.cache.read(input.database, table.name, extents);
      measurement.memoryCache.hits += counts.hits;
      measurement.memoryCache.misses += counts.misses;
      const bytesPerExtent = (total / Math.max(1, extents)) * input.weights.bytesPerRow(table.name);
      measurement.hitBytes += Math.round(counts.hits * bytesPerExtent);
      measurement.missBytes += Math.round(counts.misses * bytesPerExtent);
    }
    return measurement;
  }
}

const SAMPLE_ROWS = 2_000;

/** Bytes per row of `rows`, from a sample spread over the table (strings as UTF-8, numbers 8). */
export function estimateBytesPerRow(rows: readonly WireValue[][]): number {
  if (rows.length === 0) return 0;
  const step = Math.max(1, Math.floor(rows.length / SAMPLE_ROWS));
  let bytes = 0;
  let sampled = 0;
  for (let i = 0; i < rows.length; i += step) {
    for (const value of rows[i]!) bytes += valueBytes(value);
    sampled++;
  }
  return bytes / sampled;
}

function valueBytes(value: WireValue): number {
  if (value === null) return 0;
  if (typeof value === 'number') return 8;
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** A `hh:mm:ss.fffffff` timespan for a number of microseconds, as Kusto writes CPU time. */
export function microsTimespan(micros: number): string {
  const ticks = Math.round(micros * 10);
  const totalSeconds = Math.floor(ticks / 10_000_000);
  const fraction = ticks - totalSeconds * 10_000_000;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(fraction, 7)}`;
}
