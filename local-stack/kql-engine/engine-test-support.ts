/** Helpers for the engine's unit tests: a small hand-made database and one-line runners. */
import {
  evaluate,
  KqlError,
  prepareDatabase,
  type EvaluateOptions,
  type PreparedDatabase,
  type ResultTable,
  type TableInput,
  type WireValue,
} from './index';

export const FIXED_NOW = new Date('2021-06-15T12:00:00Z');

/** Six storm rows with nulls, mixed case, a dynamic column and an empty string. */
export const stormsTable: TableInput = {
  name: 'Storms',
  columns: [
    { name: 'Time', type: 'datetime' },
    { name: 'State', type: 'string' },
    { name: 'Kind', type: 'string' },
    { name: 'Damage', type: 'int' },
    { name: 'Lat', type: 'real' },
    { name: 'Info', type: 'dynamic' },
  ],
  rows: [
    [
      '2007-01-01T10:00:00.0000000Z',
      'TEXAS',
      'Hail',
      100,
      30.5,
      { loc: { city: 'Austin' }, tags: ['a', 'b'] },
    ],
    [
      '2007-01-01T23:30:00.0000000Z',
      'Texas',
      'Flash Flood',
      null,
      31.25,
      { loc: { city: 'Waco' }, tags: [] },
    ],
    ['2007-01-02T01:00:00.0000000Z', 'KANSAS', 'Thunderstorm Wind', 50, null, null],
    [
      '2007-01-03T00:00:00.0000000Z',
      'KANSAS',
      'Hail',
      0,
      38.0,
      { loc: { city: 'Wichita' }, tags: ['c'] },
    ],
    [null, 'IOWA', 'Flood', 7, 41.5, { loc: null }],
    ['2007-01-05T12:00:00.1234567Z', '', 'Hail', 25, 'NaN', [1, 2]],
  ],
};

export const statesTable: TableInput = {
  name: 'States',
  columns: [
    { name: 'Name', type: 'string' },
    { name: 'Population', type: 'long' },
  ],
  rows: [
    ['TEXAS', 29],
    ['KANSAS', 3],
    ['KANSAS', 4],
    ['OHIO', 12],
  ],
};

let cached: PreparedDatabase | undefined;

export function testDatabase(): PreparedDatabase {
  cached ??= prepareDatabase({ name: 'Test', tables: [stormsTable, statesTable] });
  return cached;
}

export function run(
  query: string,
  options: EvaluateOptions = {},
  db = testDatabase(),
): ResultTable {
  const result = evaluate(query, db, { now: FIXED_NOW, ...options });
  const table = result.tables[0];
  if (!table) throw new Error('The query produced no table.');
  return table;
}

export function rows(query: string, options: EvaluateOptions = {}): WireValue[][] {
  return run(query, options).rows;
}

/** The single value of a one-row, one-column result (convenient for `print`). */
export function scalar(expression: string): WireValue {
  const table = run(`print v = ${expression}`);
  return table.rows[0]![0]!;
}

export function columns(query: string): string[] {
  return run(query).columns.map((c) => `${c.name}:${c.type}`);
}

export function errorOf(query: string, db = testDatabase()): KqlError {
  try {
    evaluate(query, db, { now: FIXED_NOW });
  } catch (error) {
    if (error instanceof KqlError) return error;
    throw error;
  }
  throw new Error(`Expected '${query}' to fail.`);
}
