/**
 * Golden-test harness: the same rows are loaded into SQLite (sql.js) so that each KQL query can be
 * checked against a hand-written SQL query answered by an independent engine.
 * In SQLite, datetimes are REAL Unix seconds, timespans REAL seconds, dynamic values JSON text.
 */
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import type { KustoScalarType, ResultTable, TableInput, WireValue } from './public-types';

const SQL_TYPES: Record<KustoScalarType, string> = {
  bool: 'INTEGER',
  int: 'INTEGER',
  long: 'INTEGER',
  real: 'REAL',
  decimal: 'REAL',
  datetime: 'REAL',
  timespan: 'REAL',
  string: 'TEXT',
  guid: 'TEXT',
  dynamic: 'TEXT',
};

/** Seconds in a 'd.hh:mm:ss.fffffff' timespan. */
export function timespanSeconds(text: string): number {
  const m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text);
  if (!m) throw new Error(`Not a timespan: ${text}`);
  const seconds =
    Number(m[2] ?? 0) * 86_400 + Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]);
  return m[1] ? -seconds : seconds;
}

function toSql(type: KustoScalarType, value: WireValue | undefined): SqlValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'datetime':
      return Date.parse(String(value)) / 1000;
    case 'timespan':
      return timespanSeconds(String(value));
    case 'bool':
      return value ? 1 : 0;
    case 'dynamic':
      return JSON.stringify(value);
    case 'real':
    case 'decimal':
      return typeof value === 'number' ? value : null;
    default:
      return value as SqlValue;
  }
}

export async function loadIntoSqlite(tables: TableInput[]): Promise<Database> {
  // The option exists in sql.js >= 1.13 but not in @types/sql.js: use SQLite's own math functions.
  const SQL = await initSqlJs({ useOldExtensionFunctions: false } as Parameters<
    typeof initSqlJs
  >[0]);
  const db = new SQL.Database();
  for (const table of tables) {
    const columnList = table.columns.map((c) => `"${c.name}" ${SQL_TYPES[c.type]}`).join(', ');
    db.run(`CREATE TABLE "${table.name}" (${columnList})`);
    const insert = db.prepare(
      `INSERT INTO "${table.name}" VALUES (${table.columns.map(() => '?').join(', ')})`,
    );
    db.run('BEGIN');
    for (const row of table.rows) insert.run(table.columns.map((c, i) => toSql(c.type, row[i])));
    db.run('COMMIT');
    insert.free();
  }
  return db;
}

export type Cell = number | string | null;

export function sqlRows(db: Database, sql: string): Cell[][] {
  const result = db.exec(sql)[0];
  if (!result) return [];
  return result.values.map((row) => row.map((v) => (v instanceof Uint8Array ? String(v) : v)));
}

/** KQL wire rows in SQLite's terms: datetimes and timespans as seconds, bools as 0/1. */
export function kqlRows(table: ResultTable): Cell[][] {
  return table.rows.map((row) =>
    row.map((value, i) => {
      if (value === null) return null;
      const type = table.columns[i]!.type;
      if (type === 'datetime') return Date.parse(String(value)) / 1000;
      if (type === 'timespan') return timespanSeconds(String(value));
      if (type === 'bool') return value ? 1 : 0;
      if (typeof value === 'object') return JSON.stringify(value);
      return value as Cell;
    }),
  );
}

function sameCell(a: Cell, b: Cell): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

function sortKey(row: Cell[]): string {
  return JSON.stringify(row.map((c) => (typeof c === 'number' ? Number(c.toPrecision(12)) : c)));
}

/** A description of the first difference between two row sets, or null when they match. */
export function compareRows(actual: Cell[][], expected: Cell[][], ordered: boolean): string | null {
  if (actual.length !== expected.length) {
    return `row count ${actual.length} != ${expected.length}`;
  }
  const a = ordered ? actual : [...actual].sort((x, y) => sortKey(x).localeCompare(sortKey(y)));
  const e = ordered ? expected : [...expected].sort((x, y) => sortKey(x).localeCompare(sortKey(y)));
  for (let i = 0; i < a.length; i++) {
    const ra = a[i]!;
    const re = e[i]!;
    if (ra.length !== re.length || ra.some((cell, j) => !sameCell(cell, re[j] ?? null))) {
      return `row ${i}: ${JSON.stringify(ra)} != ${JSON.stringify(re)}`;
    }
  }
  return null;
}
