/**
 * Turns result rows into JSON text a chunk at a time, applying Kusto's result-set limits
 * (records and bytes) and stopping early on cancel or client abort. Shared by the v1 and v2 writers.
 * Rows are pulled from the engine's lazy batches only as they are written, so the first rows of
 * a big result leave at once and a stopped write stops the evaluation.
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

/** `error`: the engine failed while computing rows (see RowCursor.failure). */
export type StopReason = 'limit' | 'cancel' | 'abort' | 'error' | null;

/** A row in wire form, or already as its JSON text (or that text's UTF-8 bytes). */
export type OutputRow = WireValue[] | string | Uint8Array;

const COMMA = Buffer.from(',');

/** Reads rows from lazy batches a few at a time; remembers an engine failure instead of throwing. */
export class RowCursor {
  private readonly iterator: Iterator<OutputRow[]>;
  private batch: OutputRow[] = [];
  private at = 0;
  private finished = false;
  /** Rows handed out so far. */
  pulled = 0;
  /** What the engine threw while computing rows, if it did. */
  failure: unknown = undefined;

  constructor(batches: Iterable<OutputRow[]>) {
    this.iterator = batches[Symbol.iterator]();
  }

  static of(rows: readonly OutputRow[]): RowCursor {
    return new RowCursor([rows as OutputRow[]]);
  }

  /** Fills the current batch; false when the rows are done (or failed). */
  private fill(): boolean {
    while (this.at >= this.batch.length) {
      if (this.finished) return false;
      try {
        const step = this.iterator.next();
        if (step.done) {
          this.finished = true;
          return false;
        }
        this.batch = step.value;
        this.at = 0;
      } catch (error) {
        this.failure = error;
        this.finished = true;
        return false;
      }
    }
    return true;
  }

  /** Pulls the next batch if needed: true while rows remain. Pulling the first batch early lets
   * errors found at once still be answered with a 400. */
  hasMore(): boolean {
    return this.fill();
  }

  /** Up to `max` rows; an empty array once the rows are done. */
  take(max: number): OutputRow[] {
    if (!this.fill()) return [];
    const end = Math.min(this.batch.length, this.at + max);
    const rows =
      this.at === 0 && end === this.batch.length ? this.batch : this.batch.slice(this.at, end);
    this.at = end;
    this.pulled += rows.length;
    return rows;
  }

  /** All remaining rows (progressive layouts report progress against the total). */
  rest(): OutputRow[] {
    const rows: OutputRow[] = [];
    for (let chunk = this.take(Infinity); chunk.length > 0; chunk = this.take(Infinity)) {
      for (const row of chunk) rows.push(row);
    }
    return rows;
  }

  /** Stops the evaluation behind the cursor (limit, cancel or client gone). */
  close(): void {
    if (this.finished) return;
    this.finished = true;
    try {
      this.iterator.return?.();
    } catch {
      // The pipeline is being abandoned; a failure while unwinding changes nothing.
    }
  }
}

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
 * Writes up to `maxRows` rows from the cursor as comma-separated JSON arrays (no surrounding
 * brackets). `leadingComma` says whether rows were already written into the same JSON array.
 */
export async function writeRows(
  cursor: RowCursor,
  maxRows: number,
  leadingComma: boolean,
  control: RowStreamControl,
): Promise<{ written: number; stop: StopReason }> {
  let written = 0;
  let needComma = leadingComma;
  while (written < maxRows) {
    if (control.sink.aborted) return { written, stop: 'abort' };
    if (control.isCancelled()) return { written, stop: 'cancel' };
    const rows = cursor.take(Math.min(ROWS_PER_WRITE, maxRows - written));
    if (rows.length === 0) return { written, stop: cursor.failure !== undefined ? 'error' : null };
    // Rows go out as one buffer per write: the bytes of stored rows are copied, never re-encoded.
    const parts: Uint8Array[] = [];
    let count = 0;
    let stop: StopReason = null;
    for (const row of rows) {
      const text =
        typeof row === 'string' || row instanceof Uint8Array
          ? row
          : JSON.stringify(control.encodeRow ? control.encodeRow(row) : row);
      if (control.limits && !control.limits.admit(text.length)) {
        stop = 'limit';
        break;
      }
      if (needComma || count > 0) parts.push(COMMA);
      parts.push(typeof text === 'string' ? Buffer.from(text) : text);
      count++;
    }
    if (count > 0) {
      await control.sink.write(Buffer.concat(parts));
      needComma = true;
      written += count;
      control.onRowsWritten?.(count);
    }
    if (stop) return { written, stop };
  }
  return { written, stop: control.sink.aborted ? 'abort' : null };
}
