import type { ExportColumn, ExportRow } from './export-types';
import { CLIPBOARD_ROW_LIMIT, toTsv } from './tsv-export';

/**
 * Characters of TSV a copy puts on the clipboard at most. Chromium hands the text to its clipboard
 * in one task on the page's thread that grows with its length (a bare page on 2 cores, 2026-12-07:
 * 4 M characters 12–13 ms, 8 M 22–38 ms, 16 M 50–76 ms, 28 M 74–130 ms), and no page can split
 * it. 5 M characters (~9,400 rows of StormEvents' 22 columns) leaves room for a busy machine;
 * Export CSV is for more.
 */
export const CLIPBOARD_CHAR_LIMIT = 5_000_000;

/**
 * Why a copy stopped short, and what to use instead: the end of a copy's notice. `what` names the
 * copy ("a copy", "a report") and `unit` what its character limit counts.
 */
export function copyLimitsNote(
  what = 'a copy',
  charLimit = CLIPBOARD_CHAR_LIMIT,
  unit = 'characters',
): string {
  return `(${what} stops at ${CLIPBOARD_ROW_LIMIT.toLocaleString('en-US')} rows or ${charLimit / 1_000_000} million ${unit}, so the page does not pause; use Export CSV for more)`;
}

/**
 * Rows per request when a copy reads from the worker: each part crosses to the page in a task of
 * its own, where 100,000 rows × every column in one message took seconds.
 */
export const COPY_PART_ROWS = 2_000;

/**
 * TSV built from rows that arrive in parts, stopping at whole rows before `charLimit` characters.
 * Parts are added to the text with `+` (a rope, which the clipboard's string conversion copies once
 * anyway) rather than joined at the end, which copied it all in the clipboard's task.
 */
export class BoundedTsv {
  private body = '';
  // Not `body !== ''`: a row of empty cells is an empty line, and still needs its CRLF.
  private lines = 0;
  private rowCount = 0;
  private stopped = false;

  constructor(
    private readonly columns: readonly ExportColumn[],
    private readonly options: { includeHeader?: boolean; charLimit?: number } = {},
  ) {
    if (options.includeHeader) {
      this.body = toTsv(columns, [], { includeHeader: true });
      this.lines = 1;
    }
  }

  /** Adds the rows that fit; false once the limit is reached (later parts are not wanted). */
  add(rows: readonly ExportRow[]): boolean {
    if (this.stopped) return false;
    if (rows.length === 0) return true;
    const whole = toTsv(this.columns, rows, { includeHeader: false });
    if (this.fits(whole)) {
      this.append(whole, rows.length);
      return true;
    }
    // The part does not fit whole: take its rows one by one while they do.
    for (const row of rows) {
      const line = toTsv(this.columns, [row], { includeHeader: false });
      if (!this.fits(line)) break;
      this.append(line, 1);
    }
    this.stopped = true;
    return false;
  }

  /** The TSV so far: CRLF between lines, none after the last. */
  get text(): string {
    return this.body;
  }

  /** Data rows in the text (the header not counted). */
  get rows(): number {
    return this.rowCount;
  }

  /** Whether rows were left out because of the character limit. */
  get limited(): boolean {
    return this.stopped;
  }

  private fits(tsv: string): boolean {
    const separator = this.lines === 0 ? 0 : 2;
    return (
      this.body.length + separator + tsv.length <= (this.options.charLimit ?? CLIPBOARD_CHAR_LIMIT)
    );
  }

  private append(tsv: string, rows: number) {
    this.body = this.lines === 0 ? tsv : `${this.body}\r\n${tsv}`;
    this.lines += rows;
    this.rowCount += rows;
  }
}
