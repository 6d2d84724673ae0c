/**
 * A text or dynamic column's cells in fixed chunks of 8,192 slots, each allocated once at its
 * full size. A JS array written one index past its end copies its backing store each time it
 * outgrows it (V8 grows it by half again), and cutting it to its row count at the end took one
 * more copy. A store lives while its column fills, across young-generation collections, so V8
 * moves it to the old generation; once outgrown it is garbage there, which only a full
 * collection frees, and after the last one during a load V8 lets the old generation grow to
 * about four times what survived it. At 1,004,122 rows the scavenges promoted 537 MiB with
 * growing arrays and 426 MiB with chunks (`--trace-gc-nvp`, see bench/gc-trace-summary.ts;
 * before the text dictionaries stayed on, which halved it again). Chunks are never copied nor
 * trimmed: at most one chunk per column is part empty.
 *
 * 8,192 slots keeps a chunk a regular V8 object (32 KiB with compressed pointers) and below the
 * length at which `new Array(n)` makes a slow dictionary-mode array.
 */
const CHUNK_BITS = 13;
const CHUNK_SLOTS = 1 << CHUNK_BITS;
const SLOT_MASK = CHUNK_SLOTS - 1;

export class ChunkedValues<T> {
  private chunks: T[][] = [];

  /** The cell at `row`; undefined where nothing was written. */
  get(row: number): T | undefined {
    const chunk = this.chunks[row >>> CHUNK_BITS];
    return chunk === undefined ? undefined : chunk[row & SLOT_MASK];
  }

  set(row: number, value: T): void {
    const index = row >>> CHUNK_BITS;
    let chunk = this.chunks[index];
    if (chunk === undefined) {
      // Rows arrive in order: chunks before this one exist already (or rows were skipped).
      while (this.chunks.length <= index) this.chunks.push(new Array<T>(CHUNK_SLOTS));
      chunk = this.chunks[index] as T[];
    }
    chunk[row & SLOT_MASK] = value;
  }

  /** The first `rows` cells as one array (stored results, tests); unwritten cells are undefined. */
  toArray(rows: number): T[] {
    // Pushed, not `new Array(rows)`: V8 makes a long array created at its length a slow
    // dictionary-mode one, and a packed array is what structured clone copies fastest.
    const out: T[] = [];
    for (let row = 0; row < rows; row++) out.push(this.get(row) as T);
    return out;
  }

  /** Forget every cell (a progressive `DataReplace`). */
  clear(): void {
    this.chunks = [];
  }

  static from<T>(values: readonly T[], rows = values.length): ChunkedValues<T> {
    const chunked = new ChunkedValues<T>();
    for (let row = 0; row < rows; row++) chunked.set(row, values[row] as T);
    return chunked;
  }
}
