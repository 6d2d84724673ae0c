import { readCell, readCellText } from './cell-access';
import { isNullAt, type ColumnData } from './column-data';
import type {
  ColumnFilterModel,
  DateFilterCondition,
  FilterCondition,
  FilterModel,
  NumberFilterCondition,
  TextFilterCondition,
} from './grid-models';
import type { ResultTable } from './result-types';

type RowTest = (row: number) => boolean;

/**
 * Rows (in their original order) that pass every column filter of `filterModel` (AG Grid shapes)
 * and contain every word of `quickText` somewhere in the row's display text, case-insensitively
 * (AG Grid's quick filter rule). Filters on unknown columns are ignored.
 */
export function filterIndex(
  table: ResultTable,
  filterModel: FilterModel | null | undefined,
  quickText?: string | null,
): Int32Array {
  const n = table.rowCount;
  const keep = new Uint8Array(n).fill(1);

  for (const [colId, model] of Object.entries(filterModel ?? {})) {
    const col = table.columns.findIndex((c) => c.name === colId);
    const column = table.data[col];
    if (!column) continue;
    const test = columnTest(column, model);
    for (let row = 0; row < n; row++) if (keep[row] === 1 && !test(row)) keep[row] = 0;
  }

  const words = (quickText ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  for (const word of words) applyQuickWord(table, word, keep);

  let count = 0;
  for (let row = 0; row < n; row++) count += keep[row] as number;
  const index = new Int32Array(count);
  for (let row = 0, k = 0; row < n; row++) if (keep[row] === 1) index[k++] = row;
  return index;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Columns whose text can only hold these characters are skipped for words that could never match.
const NUMERIC_TEXT = /^[-+0-9.e]+$|^(nan|-?infinity)$/;

function applyQuickWord(table: ResultTable, word: string, keep: Uint8Array): void {
  const n = table.rowCount;
  const matched = new Uint8Array(n);
  const pattern = new RegExp(escapeRegExp(word), 'i');
  for (const column of table.data) {
    const t = column.type;
    if (
      (t === 'int' || t === 'long' || t === 'real' || t === 'decimal') &&
      !NUMERIC_TEXT.test(word)
    ) {
      const partial = 'nan'.includes(word) || 'infinity'.includes(word);
      if (!(t === 'real' && partial)) continue;
    }
    if (t === 'bool' && !'true'.includes(word) && !'false'.includes(word)) continue;
    // Datetime text is digits plus T, Z, '-', ':' and '.': only a word with a digit is worth
    // formatting every row for (so "t" alone does not match every datetime).
    if (t === 'datetime' && !/^[0-9tz:.+-]*\d[0-9tz:.+-]*$/.test(word)) continue;
    if (t === 'string' || t === 'guid' || t === 'timespan' || t === 'decimal') {
      const values = column.values;
      for (let row = 0; row < n; row++) {
        if (keep[row] === 1 && matched[row] === 0) {
          const v = values.get(row);
          if (v && pattern.test(v)) matched[row] = 1;
        }
      }
      continue;
    }
    if (t === 'dynamic' && !/["{}[\]:,\\]/.test(word)) {
      // Without JSON punctuation in the word, searching the value's keys and leaves finds the
      // same rows as searching its JSON text, without building that text for every row.
      const values = column.values;
      for (let row = 0; row < n; row++) {
        if (keep[row] === 1 && matched[row] === 0 && dynamicContains(values.get(row), pattern))
          matched[row] = 1;
      }
      continue;
    }
    for (let row = 0; row < n; row++) {
      if (keep[row] === 1 && matched[row] === 0) {
        const text = readCellText(column, row);
        if (text !== null && pattern.test(text)) matched[row] = 1;
      }
    }
  }
  for (let row = 0; row < n; row++) if (matched[row] === 0) keep[row] = 0;
}

function dynamicContains(value: unknown, pattern: RegExp): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return pattern.test(value);
  if (typeof value !== 'object') return pattern.test(String(value));
  if (Array.isArray(value)) {
    for (const item of value)
      if (item === null ? pattern.test('null') : dynamicContains(item, pattern)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (pattern.test(key)) return true;
    const item = record[key];
    if (item === null ? pattern.test('null') : dynamicContains(item, pattern)) return true;
  }
  return false;
}

function columnTest(column: ColumnData, model: ColumnFilterModel): RowTest {
  if ('conditions' in model && Array.isArray(model.conditions)) {
    const tests = model.conditions.map((c) => conditionTest(column, c));
    return model.operator === 'OR'
      ? (row) => tests.some((t) => t(row))
      : (row) => tests.every((t) => t(row));
  }
  return conditionTest(column, model as FilterCondition);
}

function conditionTest(column: ColumnData, condition: FilterCondition): RowTest {
  if (condition.type === 'blank') return (row) => isBlank(column, row);
  if (condition.type === 'notBlank') return (row) => !isBlank(column, row);
  switch (condition.filterType) {
    case 'number':
      return numberTest(column, condition);
    case 'date':
      return dateTest(column, condition);
    default:
      return textTest(column, condition);
  }
}

function isBlank(column: ColumnData, row: number): boolean {
  if (isNullAt(column, row)) return true;
  return readCellText(column, row) === '';
}

function textTest(column: ColumnData, condition: TextFilterCondition): RowTest {
  const needle = (condition.filter ?? '').toLowerCase();
  const text = (row: number) => (readCellText(column, row) ?? '').toLowerCase();
  switch (condition.type) {
    case 'equals':
      return (row) => !isNullAt(column, row) && text(row) === needle;
    case 'notEqual':
      return (row) => isNullAt(column, row) || text(row) !== needle;
    case 'startsWith':
      return (row) => !isNullAt(column, row) && text(row).startsWith(needle);
    case 'endsWith':
      return (row) => !isNullAt(column, row) && text(row).endsWith(needle);
    case 'notContains':
      return (row) => isNullAt(column, row) || !text(row).includes(needle);
    default:
      return (row) => !isNullAt(column, row) && text(row).includes(needle);
  }
}

function numericValue(column: ColumnData, row: number): number {
  if (isNullAt(column, row)) return NaN;
  const v = readCell(column, row);
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return Number(v);
  return NaN;
}

function numberTest(column: ColumnData, condition: NumberFilterCondition): RowTest {
  const a = condition.filter ?? NaN;
  const b = condition.filterTo ?? NaN;
  const value = (row: number) => numericValue(column, row);
  switch (condition.type) {
    case 'notEqual':
      return (row) => value(row) !== a;
    case 'greaterThan':
      return (row) => value(row) > a;
    case 'greaterThanOrEqual':
      return (row) => value(row) >= a;
    case 'lessThan':
      return (row) => value(row) < a;
    case 'lessThanOrEqual':
      return (row) => value(row) <= a;
    case 'inRange': {
      const low = Math.min(a, b);
      const high = Math.max(a, b);
      return (row) => value(row) > low && value(row) < high; // AG Grid default: exclusive
    }
    default:
      return (row) => value(row) === a;
  }
}

const DAY_MS = 86_400_000;

/** AG Grid's `YYYY-MM-DD hh:mm:ss` as UTC; `dayOnly` when the time part is midnight. */
function parseFilterDate(text: string | null | undefined): { ms: number; dayOnly: boolean } {
  if (!text) return { ms: NaN, dayOnly: true };
  const iso = text.trim().replace(' ', 'T');
  const withTime = iso.includes('T') ? iso : `${iso}T00:00:00`;
  const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(withTime) ? withTime : `${withTime}Z`);
  return { ms, dayOnly: ms % DAY_MS === 0 };
}

function dateTest(column: ColumnData, condition: DateFilterCondition): RowTest {
  const from = parseFilterDate(condition.dateFrom);
  const to = parseFilterDate(condition.dateTo);
  const value = (row: number): number => {
    if (column.type !== 'datetime') return NaN;
    return isNullAt(column, row) ? NaN : (column.epochMs[row] as number);
  };
  // A date without a time means the whole UTC day, which is what a date picker user expects.
  const fromEnd = from.dayOnly ? from.ms + DAY_MS : from.ms;
  switch (condition.type) {
    case 'equals':
      return from.dayOnly
        ? (row) => value(row) >= from.ms && value(row) < fromEnd
        : (row) => value(row) === from.ms;
    case 'notEqual':
      return from.dayOnly
        ? (row) => !(value(row) >= from.ms && value(row) < fromEnd)
        : (row) => value(row) !== from.ms;
    case 'lessThan':
      return (row) => value(row) < from.ms;
    case 'greaterThan':
      return from.dayOnly ? (row) => value(row) >= fromEnd : (row) => value(row) > from.ms;
    case 'inRange': {
      const toEnd = to.dayOnly ? to.ms + DAY_MS : to.ms;
      return (row) => value(row) >= from.ms && value(row) < toEnd;
    }
    default:
      return () => true;
  }
}
