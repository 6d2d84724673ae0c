import { DataSetBuilder, type DataSet, type DataSetHeader, type TableKind } from '../result-model';
import { decodeWithExactNumbers, findLongNumberStarts } from '../query/exact-json-numbers';
import { ResponseFormatError } from '../query/response-format-error';
import { asciiString } from './ascii-string';

/**
 * Incremental parser for a Kusto v2 response body (a JSON array of frames), fed the body's
 * bytes as they arrive.
 *
 * A byte scanner tracks strings, escapes and nesting depth to find frame boundaries and, inside
 * a table's `Rows`, row boundaries. Small frames are parsed whole; rows go to `JSON.parse` in
 * batches of about `batchBytes`, then into typed columns. So the first rows are usable before
 * the download ends and a 500,000-row table (~440 MB of JSON) never exists as one string.
 * Past the first `eagerRows` rows, batches are cut speculatively (see atRowBoundary) so most
 * row bytes are never looked at in JavaScript. Longs that JSON.parse rounded (beyond ±2^53) are
 * detected afterwards and their batch is re-parsed exactly (see exact-json-numbers.ts).
 * Measured: ~1.0–1.2× the time of TextDecoder + JSON.parse of the whole body (bench/).
 */

export interface V2ParserOptions {
  /** Parse a table's pending rows once they span this many bytes. Default 1 MiB. */
  batchBytes?: number;
  /** Until a table holds this many rows, each feed() ends by parsing the rows it completed. */
  eagerRows?: number;
}

/** Observers of parse progress; all optional. The DataSetBuilder holds the data itself. */
export interface V2ParseEvents {
  onDataSetHeader?(header: DataSetHeader): void;
  onTableStarted?(tableId: number): void;
  onRows?(tableId: number, appended: number, replaced: boolean): void;
  onTableCompleted?(tableId: number): void;
  onProgress?(tableId: number, progress: number): void;
  onDataSetCompleted?(): void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Wrong speculative cuts tolerated per table before it is scanned byte by byte. */
const MAX_SPECULATION_MISSES = 3;

const enum Mode {
  Start,
  BetweenFrames,
  Frame,
  Rows,
  Row,
  FrameTail,
  End,
  BodyObject,
}

interface StreamedTable {
  tableId: number;
  frameType: 'DataTable' | 'TableFragment';
  replace: boolean;
  prefix: string;
  /** Columns of type long: checked after parsing for values JSON.parse rounded. */
  longColumns: number[];
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function numberField(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.charCodeAt(0) === 0) return Number(value.slice(1));
  return null;
}

/** Did JSON.parse round a long? Any long beyond ±2^53 is re-parsed exactly. */
function hasUnsafeLong(rows: readonly unknown[], longColumns: readonly number[]): boolean {
  if (longColumns.length === 0) return false;
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    for (const c of longColumns) {
      const v: unknown = row[c];
      if (typeof v === 'number' && (v > MAX_SAFE || v < -MAX_SAFE)) return true;
    }
  }
  return false;
}

export class V2FrameParser {
  readonly builder: DataSetBuilder;
  private readonly events: V2ParseEvents;
  private readonly batchBytes: number;
  private readonly eagerRows: number;
  private readonly decoder = new TextDecoder();

  // Bytes not yet consumed: buf[0, len) holds stream offsets [base, base + len).
  private buf = new Uint8Array(256 * 1024);
  private len = 0;
  private base = 0;

  // Scanner state; offsets are absolute stream positions, so compaction only moves `base`.
  private pos = 0;
  private depth = 0;
  private inString = false;
  private mode = Mode.Start;
  private sawCompletion = false;

  private frameStart = 0;
  /** The frame is parsed whole at its end (small frames, or Rows we could not stream). */
  private frameWhole = true;

  private streamed: StreamedTable | null = null;
  private elementStart = 0;
  private batchStart = 0;
  private batchEnd = 0;
  private batchRows = 0;
  private suffixStart = 0;
  private readonly speculationMisses = new Map<number, number>();
  private scanBytewiseUntil = 0;

  constructor(
    builder = new DataSetBuilder('kusto-v2'),
    events: V2ParseEvents = {},
    options: V2ParserOptions = {},
  ) {
    this.builder = builder;
    this.events = events;
    this.batchBytes = Math.max(1, options.batchBytes ?? 1024 * 1024);
    this.eagerRows = options.eagerRows ?? 2000;
  }

  get dataSet(): DataSet {
    return this.builder.dataSet;
  }

  /** Bytes received so far. */
  get bytesReceived(): number {
    return this.base + this.len;
  }

  feed(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.append(chunk);
    this.scan(false);
    if (this.streamed && this.batchRows > 0) {
      const table = this.builder.table(this.streamed.tableId);
      if (table && table.rowCount < this.eagerRows) this.flushBatch();
    }
  }

  /** Parses every complete row received so far (e.g. on a timer, to show them sooner). */
  flush(): void {
    this.scan(true);
    if (this.streamed && this.batchRows > 0) this.flushBatch();
  }

  /** The body ended: returns the finished DataSet, or throws if the response was incomplete. */
  end(): DataSet {
    this.flush();
    if (this.mode === Mode.BodyObject) this.finishBodyObject();
    if (this.mode === Mode.Start) {
      throw new ResponseFormatError('The response body was empty.', null);
    }
    if (this.mode !== Mode.End || this.depth !== 0) {
      throw new ResponseFormatError(
        `The response ended early, after ${this.bytesReceived} bytes, in the middle of the result.`,
        null,
      );
    }
    if (!this.sawCompletion) {
      throw new ResponseFormatError('The response has no DataSetCompletion frame.', null);
    }
    return this.builder.finish();
  }

  private append(chunk: Uint8Array): void {
    const keep = this.keepFrom() - this.base;
    const needed = this.len - keep + chunk.length + 1; // +1: room to patch a closing bracket
    if (needed > this.buf.length) {
      let size = this.buf.length;
      while (size < needed) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(keep, this.len));
      this.buf = next;
    } else if (this.len + chunk.length + 1 > this.buf.length || keep > this.buf.length / 2) {
      this.buf.copyWithin(0, keep, this.len);
    } else {
      this.buf.set(chunk, this.len);
      this.len += chunk.length;
      return;
    }
    this.len -= keep;
    this.base += keep;
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** Oldest stream offset still needed (one byte before a row batch, to patch in a bracket). */
  private keepFrom(): number {
    switch (this.mode) {
      case Mode.Frame:
      case Mode.BodyObject:
        return this.frameStart;
      case Mode.Rows:
        return (this.batchRows > 0 ? this.batchStart : this.pos) - 1;
      case Mode.Row:
        return (this.batchRows > 0 ? this.batchStart : this.elementStart) - 1;
      case Mode.FrameTail:
        return this.suffixStart;
      default:
        return this.pos;
    }
  }

  private scan(final: boolean): void {
    const base = this.base;
    const view = this.buf.subarray(0, this.len);
    const end = this.len;
    let i = this.pos - base;

    if (this.mode === Mode.Start) {
      const next = this.skipPreamble(view, i);
      if (next >= end) {
        // Nothing but preamble so far; a partial BOM must be looked at again with more bytes.
        if (this.base + i !== 0 || view[0] !== 0xef) this.pos = base + next;
        return;
      }
      i = next;
    } else if (this.mode === Mode.Rows && !this.inString) {
      i = this.atRowBoundary(view, i, final);
      if (i < 0) return;
    }

    let depth = this.depth;
    let inString = this.inString;
    while (i < end) {
      let c = view[i] as number;
      if (inString) {
        // A plain loop beats indexOf here: most strings are short.
        while (c !== QUOTE) {
          if (c === BACKSLASH) i++;
          if (++i >= end) break;
          c = view[i] as number;
        }
        if (i >= end) break;
        inString = false;
        i++;
        continue;
      }
      if (c === QUOTE) {
        inString = true;
      } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
        depth++;
        if (depth <= 4) {
          this.depth = depth;
          this.onOpen(view, c, i);
        }
      } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        depth--;
        if (depth <= 3) {
          this.depth = depth;
          this.onClose(c, i);
          if (this.mode === Mode.Rows && depth === 3) {
            const next = this.atRowBoundary(view, i + 1, final);
            if (next < 0) {
              this.inString = false;
              return;
            }
            i = next;
            continue;
          }
        }
      }
      i++;
    }
    this.pos = base + i;
    this.depth = depth;
    this.inString = inString;
  }

  /**
   * Between two rows of a streamed table. Once the first `eagerRows` rows are out, rows are cut
   * in big batches without looking at every byte: the last `],[` before the data runs out is a
   * candidate cut, and JSON.parse decides. A wrong candidate (inside a string, inside a nested
   * array, or past the end of Rows) cannot parse, because the text would end inside a string or
   * with unbalanced brackets; then the byte scanner takes over from `i`. Returns where to go on
   * scanning, or -1 to wait for more bytes (pos and state are saved).
   */
  private atRowBoundary(view: Uint8Array, i: number, final: boolean): number {
    const streamed = this.streamed;
    if (!streamed || final) return i;
    const table = this.builder.table(streamed.tableId);
    if (!table || table.rowCount + this.batchRows < this.eagerRows) return i;
    if ((this.speculationMisses.get(streamed.tableId) ?? 0) >= MAX_SPECULATION_MISSES) return i;
    if (this.base + i < this.scanBytewiseUntil) return i;
    const end = view.length;
    if (end - i < this.batchBytes) {
      this.pos = this.base + i;
      return -1;
    }
    let s = i;
    while (s < end && (isWhitespace(view[s] as number) || view[s] === COMMA)) s++;
    if (view[s] !== OPEN_ARRAY) return i;
    const fullWindow = Math.min(end, s + 2 * this.batchBytes);
    let windowEnd = fullWindow;
    // A fragmented table ends Rows at every fragment, so look for the end first there; one
    // DataTable frame ends its Rows once, so look only when a cut fails.
    if (streamed.frameType === 'TableFragment') {
      const rowsEnd = findRowsEndCandidate(view, s, windowEnd);
      if (rowsEnd >= 0) windowEnd = rowsEnd;
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      const cut = findLastRowSeparator(view, s, windowEnd);
      // Before the end of Rows any cut helps; elsewhere wait for a batch's worth.
      const minimum = windowEnd < fullWindow ? 0 : this.batchBytes / 2;
      if (cut >= 0 && cut - s >= minimum) {
        if (this.batchRows > 0) this.flushBatch();
        if (this.parseRows(streamed, s, cut + 1, true)) return cut + 1;
      } else if (windowEnd < fullWindow) {
        // Too little to cut before the end of Rows: scan up to there byte by byte.
        this.scanBytewiseUntil = this.base + windowEnd;
        return i;
      }
      if (attempt > 0 || streamed.frameType === 'TableFragment') break;
      const rowsEnd = findRowsEndCandidate(view, s, windowEnd);
      if (rowsEnd < 0) break;
      windowEnd = rowsEnd;
    }
    // Separators inside the data fooled us: scan this window byte by byte.
    this.speculationMisses.set(
      streamed.tableId,
      (this.speculationMisses.get(streamed.tableId) ?? 0) + 1,
    );
    this.scanBytewiseUntil = this.base + windowEnd;
    return i;
  }

  private skipPreamble(view: Uint8Array, from: number): number {
    let i = from;
    if (this.base + i === 0) {
      const bom = [0xef, 0xbb, 0xbf];
      const seen = Math.min(3, view.length);
      if (seen > 0 && bom.slice(0, seen).every((b, k) => view[k] === b)) {
        if (seen < 3) return view.length; // wait for the rest of a possible BOM
        i = 3;
      }
    }
    while (i < view.length && isWhitespace(view[i] as number)) i++;
    if (i >= view.length) return i;
    const c = view[i];
    if (c !== OPEN_ARRAY && c !== OPEN_OBJECT) {
      const sample = this.decoder.decode(view.subarray(i, Math.min(view.length, i + 200)));
      throw new ResponseFormatError(
        'The response is not a Kusto v2 result (a JSON array of frames).',
        sample,
      );
    }
    return i;
  }

  private onOpen(view: Uint8Array, c: number, i: number): void {
    const at = this.base + i;
    switch (this.depth) {
      case 1:
        if (this.mode === Mode.Start) {
          if (c === OPEN_ARRAY) this.mode = Mode.BetweenFrames;
          else {
            this.mode = Mode.BodyObject;
            this.frameStart = at;
          }
        }
        return;
      case 2:
        if (this.mode === Mode.BetweenFrames) {
          if (c !== OPEN_OBJECT) {
            throw new ResponseFormatError('A v2 frame is not a JSON object.', null);
          }
          this.mode = Mode.Frame;
          this.frameStart = at;
          this.frameWhole = true;
        }
        return;
      case 3:
        if (this.mode === Mode.Frame && c === OPEN_ARRAY && isRowsKeyBefore(view, i)) {
          this.onRowsStart(view, i);
        }
        return;
      case 4:
        if (this.mode === Mode.Rows) {
          this.mode = Mode.Row;
          this.elementStart = at;
        }
        return;
    }
  }

  private onClose(c: number, i: number): void {
    const at = this.base + i;
    switch (this.depth) {
      case 3:
        if (this.mode === Mode.Row) {
          if (this.batchRows === 0) this.batchStart = this.elementStart;
          this.batchEnd = at + 1;
          this.batchRows++;
          this.mode = Mode.Rows;
          if (this.batchEnd - this.batchStart >= this.batchBytes) this.flushBatch();
        }
        return;
      case 2:
        if (this.mode === Mode.Rows && c === CLOSE_ARRAY) {
          this.flushBatch();
          this.suffixStart = at + 1;
          this.mode = Mode.FrameTail;
        }
        return;
      case 1:
        if (this.mode === Mode.Frame || this.mode === Mode.FrameTail) {
          this.finishFrame(at + 1);
          this.mode = Mode.BetweenFrames;
        }
        return;
      case 0:
        if (this.mode === Mode.BodyObject) this.finishBodyObject();
        else this.mode = Mode.End;
        return;
    }
  }

  /** `"Rows": [` just opened: stream the rows if the frame told us whose they are. */
  private onRowsStart(view: Uint8Array, i: number): void {
    const prefix = this.decoder.decode(view.subarray(this.frameStart - this.base, i));
    let head: Record<string, unknown> | null;
    try {
      head = record(JSON.parse(`${prefix}null}`));
    } catch {
      head = null;
    }
    const tableId = numberField(head?.TableId);
    if (!head || tableId === null) return; // parse the whole frame at its end
    if (head.FrameType === 'DataTable' && Array.isArray(head.Columns)) {
      this.startTable(head, tableId);
      this.streamed = { tableId, frameType: 'DataTable', replace: false, prefix, longColumns: [] };
    } else if (
      head.FrameType === 'TableFragment' &&
      (head.TableFragmentType === 'DataAppend' || head.TableFragmentType === 'DataReplace') &&
      this.builder.table(tableId)
    ) {
      const replace = head.TableFragmentType === 'DataReplace';
      if (replace) this.builder.clearRows(tableId);
      this.streamed = { tableId, frameType: 'TableFragment', replace, prefix, longColumns: [] };
    } else {
      return;
    }
    this.streamed.longColumns = this.longColumnsOf(tableId);
    this.frameWhole = false;
    this.mode = Mode.Rows;
    this.batchRows = 0;
  }

  private longColumnsOf(tableId: number): number[] {
    const table = this.builder.table(tableId);
    const longs: number[] = [];
    table?.columns.forEach((c, index) => {
      if (c.type === 'long') longs.push(index);
    });
    return longs;
  }

  private flushBatch(): void {
    const streamed = this.streamed;
    if (!streamed || this.batchRows === 0) return;
    this.batchRows = 0;
    this.parseRows(streamed, this.batchStart - this.base, this.batchEnd - this.base, false);
  }

  /**
   * Parses the rows in buf[start, end) (first byte `[` of a row, last byte `]` of a row) and
   * appends them. Speculative calls return false when the text is not a list of rows.
   */
  private parseRows(
    streamed: StreamedTable,
    start: number,
    end: number,
    speculative: boolean,
  ): boolean {
    let rows: unknown[];
    try {
      rows = JSON.parse(this.decodeAsArray(start, end)) as unknown[];
    } catch (error) {
      if (speculative) return false;
      throw new ResponseFormatError(
        `Rows of table ${streamed.tableId} are not valid JSON.`,
        String(error),
      );
    }
    let exact = false;
    if (hasUnsafeLong(rows, streamed.longColumns)) {
      const starts = findLongNumberStarts(this.buf, start, end);
      const text = decodeWithExactNumbers(this.decoder, this.buf, start, end, starts);
      rows = JSON.parse(`[${text}]`) as unknown[];
      exact = true;
    }
    const appended = this.builder.appendRows(streamed.tableId, rows, { exactNumbers: exact });
    this.events.onRows?.(streamed.tableId, appended, streamed.replace);
    return true;
  }

  /**
   * `[` + buf[start, end) + `]` as a string. The bytes around the range (a comma or space and
   * whatever follows) are briefly overwritten with the brackets so the text is decoded once,
   * instead of being concatenated (a copy of up to a megabyte) before JSON.parse.
   */
  private decodeAsArray(start: number, end: number): string {
    const buf = this.buf;
    if (start < 1 || end >= buf.length) {
      return `[${asciiString(buf, start, end) ?? this.decoder.decode(buf.subarray(start, end))}]`;
    }
    const before = buf[start - 1] as number;
    const after = buf[end] as number;
    buf[start - 1] = OPEN_ARRAY;
    buf[end] = CLOSE_ARRAY;
    try {
      return (
        asciiString(buf, start - 1, end + 1) ??
        this.decoder.decode(buf.subarray(start - 1, end + 1))
      );
    } finally {
      buf[start - 1] = before;
      buf[end] = after;
    }
  }

  private finishFrame(end: number): void {
    const start = this.frameStart - this.base;
    if (!this.frameWhole && this.streamed) {
      const streamed = this.streamed;
      this.streamed = null;
      const suffix = this.decoder.decode(
        this.buf.subarray(this.suffixStart - this.base, end - this.base),
      );
      let frame: Record<string, unknown> | null;
      try {
        frame = record(JSON.parse(`${streamed.prefix}null${suffix}`));
      } catch {
        throw new ResponseFormatError(
          `Frame of table ${streamed.tableId} is not valid JSON.`,
          null,
        );
      }
      if (streamed.frameType === 'DataTable') this.completeTable(streamed.tableId, frame);
      return;
    }
    const bytes = this.buf.subarray(start, end - this.base);
    let frame: Record<string, unknown> | null;
    try {
      frame = record(JSON.parse(this.decoder.decode(bytes)));
    } catch {
      throw new ResponseFormatError(
        'A v2 frame is not valid JSON.',
        this.decoder.decode(bytes.subarray(0, 200)),
      );
    }
    if (!frame) return;
    if (Array.isArray(frame.Rows) && this.frameNeedsExactLongs(frame)) {
      const text = decodeWithExactNumbers(
        this.decoder,
        bytes,
        0,
        bytes.length,
        findLongNumberStarts(bytes),
      );
      frame = record(JSON.parse(text)) ?? frame;
      this.handleFrame(frame, true);
    } else {
      this.handleFrame(frame, false);
    }
  }

  private frameNeedsExactLongs(frame: Record<string, unknown>): boolean {
    const rows = frame.Rows as unknown[];
    if (frame.FrameType === 'DataTable' && Array.isArray(frame.Columns)) {
      const longs: number[] = [];
      frame.Columns.forEach((c: unknown, index: number) => {
        const type = record(c)?.ColumnType;
        if (typeof type === 'string' && ['long', 'int64'].includes(type.toLowerCase()))
          longs.push(index);
      });
      return hasUnsafeLong(rows, longs);
    }
    const tableId = numberField(frame.TableId);
    return tableId !== null && hasUnsafeLong(rows, this.longColumnsOf(tableId));
  }

  private startTable(frame: Record<string, unknown>, tableId: number): void {
    const columns = (Array.isArray(frame.Columns) ? frame.Columns : []).map((c: unknown) => {
      const column = record(c) ?? {};
      return {
        name: String(column.ColumnName ?? ''),
        wireType: String(column.ColumnType ?? column.DataType ?? ''),
      };
    });
    this.builder.addTable({
      id: tableId,
      name: String(frame.TableName ?? ''),
      kind: (typeof frame.TableKind === 'string' ? frame.TableKind : 'Unknown') as TableKind,
      columns,
    });
    this.events.onTableStarted?.(tableId);
  }

  private completeTable(tableId: number, frame: Record<string, unknown> | null): void {
    this.builder.completeTable(tableId, {
      rowCount: numberField(frame?.RowCount),
      errors: frame?.OneApiErrors,
    });
    this.events.onTableCompleted?.(tableId);
  }

  private handleFrame(frame: Record<string, unknown>, exact: boolean): void {
    const tableId = numberField(frame.TableId);
    switch (frame.FrameType) {
      case 'DataSetHeader': {
        const header: DataSetHeader = {
          version: typeof frame.Version === 'string' ? frame.Version : null,
          progressive: frame.IsProgressive === true,
          fragmented: frame.IsFragmented === true,
          errorReportingPlacement:
            typeof frame.ErrorReportingPlacement === 'string'
              ? frame.ErrorReportingPlacement
              : null,
        };
        this.builder.setHeader(header);
        this.events.onDataSetHeader?.(header);
        return;
      }
      case 'DataTable':
        if (tableId === null) break;
        this.startTable(frame, tableId);
        this.appendWholeRows(tableId, frame.Rows, exact, false);
        this.completeTable(tableId, frame);
        return;
      case 'TableHeader':
        if (tableId === null) break;
        this.startTable(frame, tableId);
        return;
      case 'TableFragment': {
        if (tableId === null || !this.builder.table(tableId)) break;
        const replace = frame.TableFragmentType === 'DataReplace';
        if (replace) this.builder.clearRows(tableId);
        this.appendWholeRows(tableId, frame.Rows, exact, replace);
        return;
      }
      case 'TableProgress': {
        const progress = numberField(frame.TableProgress);
        if (tableId === null || progress === null) break;
        this.builder.setProgress(tableId, progress);
        this.events.onProgress?.(tableId, progress);
        return;
      }
      case 'TableCompletion':
        if (tableId === null || !this.builder.table(tableId)) break;
        this.completeTable(tableId, frame);
        return;
      case 'DataSetCompletion':
        this.sawCompletion = true;
        this.builder.complete({
          hasErrors: frame.HasErrors === true,
          cancelled: frame.Cancelled === true,
          errors: frame.OneApiErrors,
        });
        this.events.onDataSetCompleted?.();
        return;
    }
    // Unknown or incomplete frames are skipped, but errors in them are never dropped.
    if (Array.isArray(frame.OneApiErrors))
      this.builder.addOneApiErrors(frame.OneApiErrors, 'response', tableId);
    else if (frame.error) this.builder.addOneApiErrors([frame], 'response', tableId);
  }

  private appendWholeRows(tableId: number, rows: unknown, exact: boolean, replaced: boolean): void {
    if (!Array.isArray(rows)) return;
    const appended = this.builder.appendRows(tableId, rows, { exactNumbers: exact });
    this.events.onRows?.(tableId, appended, replaced);
  }

  private finishBodyObject(): void {
    const text = this.decoder.decode(this.buf.subarray(this.frameStart - this.base, this.len));
    let body: unknown = null;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // fall through with the text
    }
    throw new ResponseFormatError(
      'The response is a JSON object, not a Kusto v2 frame array.',
      text.slice(0, 2000),
      body,
    );
  }
}

/**
 * Index of the `]` that ends the last row followed by `,` and another row's `[` in
 * view[from, end), or -1. Only a candidate: the caller validates it by parsing.
 */
function findLastRowSeparator(view: Uint8Array, from: number, end: number): number {
  let k = end - 1;
  while (k > from) {
    k = view.lastIndexOf(OPEN_ARRAY, k);
    if (k <= from) return -1;
    let j = k - 1;
    while (j > from && isWhitespace(view[j] as number)) j--;
    if (view[j] === COMMA) {
      j--;
      while (j > from && isWhitespace(view[j] as number)) j--;
      if (view[j] === CLOSE_ARRAY) return j;
    }
    k--;
  }
  return -1;
}

/**
 * First `]` that may close the last row of Rows: `]`, optional space, `]`, then `}` or `,` (or
 * the window's end). Only a hint that keeps speculative cuts before it.
 */
function findRowsEndCandidate(view: Uint8Array, from: number, to: number): number {
  for (let k = from; ; k++) {
    k = view.indexOf(CLOSE_ARRAY, k);
    if (k < 0 || k >= to) return -1;
    let j = k + 1;
    while (j < to && isWhitespace(view[j] as number)) j++;
    if (j < to && view[j] !== CLOSE_ARRAY) continue;
    let m = j + 1;
    while (m < to && isWhitespace(view[m] as number)) m++;
    if (m >= to || view[m] === CLOSE_OBJECT || view[m] === COMMA) return k;
  }
}

/** Is the `[` at `i` the value of a `"Rows"` key? Looks back over `"Rows"\s*:\s*`. */
function isRowsKeyBefore(view: Uint8Array, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && isWhitespace(view[k] as number)) k--;
  if (view[k] !== COLON) return false;
  k--;
  while (k >= 0 && isWhitespace(view[k] as number)) k--;
  return (
    k >= 5 &&
    view[k] === QUOTE &&
    view[k - 1] === 0x73 && // s
    view[k - 2] === 0x77 && // w
    view[k - 3] === 0x6f && // o
    view[k - 4] === 0x52 && // R
    view[k - 5] === QUOTE
  );
}
