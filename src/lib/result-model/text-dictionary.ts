/**
 * Repeated strings stored once. `JSON.parse` makes a new string for every cell, so a column such
 * as State or EventType holds a million copies of a few dozen values. While a text column's
 * values stay fewer than DICTIONARY_MAX_VALUES, each cell is looked up in the column's
 * dictionary and the row keeps the dictionary's string: the row then points at one shared string
 * per distinct value (the parsed copies are garbage at once, young). A column with more distinct
 * values than that (ids, free text) stops using its dictionary and keeps the parsed strings.
 *
 * Why the count alone decides, and not the share of distinct values among the first rows: a
 * value may first repeat long after those rows (a `union` of one table with itself repeats every
 * narrative once per copy, 59,066 rows apart). Judged after 4,096 rows, the narratives of
 * `union StormEvents × 17` were kept as 2 million parsed strings; a later lookup of each one in
 * a JS Map (the result store sizing it, compact-result.ts) made V8 internalize them, so the
 * equal ones came to share one string and ~200 MiB of the originals became old-generation
 * garbage, 0.35× of the payload still uncollected at completion (bench, 1,004,122 rows). Shared
 * from the start, they never reach the old generation. A column of distinct values costs one
 * lookup per row until the dictionary is full, then nothing.
 *
 * Why shared strings rather than an index array: every reader of text columns (sort, filter,
 * cell access, charts, grouping) keeps working on `values.get(row)`; with V8's compressed pointers a
 * row costs 4 bytes either way next to a 2-byte index, and the strings themselves are the cost.
 */

/** Most distinct values a dictionary holds. */
export const DICTIONARY_MAX_VALUES = 65_536;
/** Longer strings are kept as parsed (hashing them costs more than it could save). */
const MAX_LENGTH = 1_024;

export class TextDictionary {
  private values: Map<string, string> | null = new Map();

  /** False once the column had more distinct values than a dictionary holds. */
  get active(): boolean {
    return this.values !== null;
  }

  /** The shared copy of `text` (or `text` itself once the dictionary gave up). */
  intern(text: string): string {
    const values = this.values;
    if (values === null || text.length > MAX_LENGTH) return text;
    const known = values.get(text);
    if (known !== undefined) return known;
    if (values.size >= DICTIONARY_MAX_VALUES) {
      this.values = null;
      return text;
    }
    values.set(text, text);
    return text;
  }

  /** Distinct values held (0 once given up). */
  get size(): number {
    return this.values?.size ?? 0;
  }

  clear(): void {
    this.values = new Map();
  }
}
