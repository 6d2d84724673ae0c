/**
 * Repeated strings stored once. `JSON.parse` makes a new string for every cell, so a column such
 * as State or EventType holds a million copies of a few dozen values. While a text column's
 * values stay few, each cell is looked up in the column's dictionary and the row keeps the
 * dictionary's string: the row array then points at one shared string per distinct value (the
 * parsed copies are garbage at once). A column whose values turn out to be mostly distinct
 * (narratives, ids) stops using its dictionary and keeps the parsed strings, so it pays nothing
 * more than the lookups made until then.
 *
 * Why shared strings rather than an index array: every reader of text columns (sort, filter,
 * cell access, charts, grouping) keeps working on `values[row]`; with V8's compressed pointers a
 * row costs 4 bytes either way next to a 2-byte index, and the strings themselves are the cost.
 */

/** Most distinct values a dictionary holds. */
export const DICTIONARY_MAX_VALUES = 65_536;
/** Rows seen before a column is judged; then more than this share of distinct values ends it. */
const JUDGE_AFTER_ROWS = 4_096;
const MAX_DISTINCT_SHARE = 0.25;
/** Longer strings are kept as parsed (hashing them costs more than it could save). */
const MAX_LENGTH = 1_024;

export class TextDictionary {
  private values: Map<string, string> | null = new Map();
  private seen = 0;

  /** False once the column was judged high-cardinality. */
  get active(): boolean {
    return this.values !== null;
  }

  /** The shared copy of `text` (or `text` itself once the dictionary gave up). */
  intern(text: string): string {
    const values = this.values;
    if (values === null || text.length > MAX_LENGTH) return text;
    this.seen++;
    const known = values.get(text);
    if (known !== undefined) return known;
    if (
      values.size >= DICTIONARY_MAX_VALUES ||
      (this.seen >= JUDGE_AFTER_ROWS && values.size > this.seen * MAX_DISTINCT_SHARE)
    ) {
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
    this.seen = 0;
  }
}
