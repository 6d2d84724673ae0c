/**
 * Turns result rows into JSON text a chunk at a time, applying Kusto's result-set limits
 * (records and bytes) and stopping early on cancel or client abort. Shared by the v1 and v2 writers.
 */
import type { WireValue } from './kql-engine-api.ts';
import type { ResponseSink } from './response-sink.ts';

export const ROWS_PER_WRITE = 1000;

export interface ResultLimits {
  maxRecords: number;
  maxBytes: number;
}

export type LimitHit = { kind: 'records' | 'bytes'; value: number };

/** Counts what has been sent across all primary tables of one response. */
export class LimitTracker {
  records = 0;
  bytes = 0;
  hit: LimitHit | null = null;

  constructor(readonly limits: ResultLimits) {}

  /** False (and records the hit) when one more row of this size would pass a limit. */
  admit(rowBytes: number): boolean {
    if (this.hit) return false;
    if (this.records + 1 > this.limits.maxRecords) {
      this.hit = { kind: 'records', value: this.limits.maxRecords };
      return false;
    }
    if (this.bytes + rowBytes > this.limits.maxBytes) {
      this.hit = { kind: 'bytes', value: this.limits.maxBytes };
      return false;
    }
    this.records++;
    this.bytes += rowBytes;
    return true;
  }
}

export type StopReason = 'limit' | 'cancel' | 'abort' | null;

export interface RowStreamControl {
  sink: ResponseSink;
  limits: LimitTracker | null;
  isCancelled: () => boolean;
  /** Row value encoding (v1 sends dynamic values as JSON text). */
  encodeRow?: (row: WireValue[]) => WireValue[];
  /** Told how many rows each write carried (progress for `.show queries` and tests). */
  onRowsWritten?: (count: number) => void;
}

/**
 * Writes rows `[from, to)` as comma-separated JSON arrays (no surrounding brackets).
 * `leadingComma` says whether rows were already written into the same JSON array.
 */
export async function writeRows(
  rows: readonly WireValue[][],
  from: number,
  to: number,
  leadingComma: boolean,
  control: RowStreamControl,
): Promise<{ written: number; stop: StopReason }> {
  let written = 0;
  let needComma = leadingComma;
  for (let start = from; start < to; start += ROWS_PER_WRITE) {
    if (control.sink.aborted) return { written, stop: 'abort' };
    if (control.isCancelled()) return { written, stop: 'cancel' };
    const end = Math.min(to, start + ROWS_PER_WRITE);
    const parts: string[] = [];
    let stop: StopReason = null;
    for (let i = start; i < end; i++) {
      const row = rows[i]!;
      const text = JSON.stringify(control.encodeRow ? control.encodeRow(row) : row);
      if (control.limits && !control.limits.admit(text.length)) {
        stop = 'limit';
        break;
      }
      parts.push(text);
    }
    if (parts.length > 0) {
      await control.sink.write((needComma ? ',' : '') + parts.join(','));
      needComma = true;
      written += parts.length;
      control.onRowsWritten?.(parts.length);
    }
    if (stop) return { written, stop };
  }
  return { written, stop: control.sink.aborted ? 'abort' : null };
}
