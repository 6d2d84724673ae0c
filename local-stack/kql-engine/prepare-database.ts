/** Turns wire-form tables into the engine's value form once, and builds the analyzer's symbols. */
import type { DatabaseInput, PreparedDatabase, PreparedTableInfo } from './public-types';
import { kustoLanguage } from './kusto-language';
import type { StoredTable } from './query-scope';
import { rowFromWire } from './values';
import { markStoredRows } from './row-json';

const SCALAR_TYPE_SYMBOL = {
  bool: 'Bool',
  int: 'Int',
  long: 'Long',
  real: 'Real',
  decimal: 'Decimal',
  datetime: 'DateTime',
  timespan: 'TimeSpan',
  string: 'String',
  guid: 'Guid',
  dynamic: 'Dynamic',
} as const;

/** What the engine keeps for a prepared database, out of sight of callers (and of JSON.stringify). */
export interface PreparedDatabaseInternals {
  readonly storedTables: ReadonlyMap<string, StoredTable>;
  readonly globals: Kusto.Language.GlobalState;
}

const internals = new WeakMap<PreparedDatabase, PreparedDatabaseInternals>();

export function prepareDatabase(input: DatabaseInput): PreparedDatabase {
  const language = kustoLanguage();
  const symbols = language.Symbols;
  const storedTables = new Map<string, StoredTable>();
  const infos: PreparedTableInfo[] = [];
  const tableSymbols: Kusto.Language.Symbols.TableSymbol[] = [];
  for (const table of input.tables) {
    if (storedTables.has(table.name)) throw new Error(`Duplicate table name '${table.name}'.`);
    const columns = table.columns.map((c) => ({ name: c.name, type: c.type }));
    const rows = table.rows.map((row) => rowFromWire(columns, row));
    markStoredRows(rows);
    storedTables.set(table.name, { name: table.name, table: { columns, rows } });
    infos.push({
      name: table.name,
      columns,
      rowCount: table.rows.length,
      ...(table.folder !== undefined ? { folder: table.folder } : {}),
      ...(table.docString !== undefined ? { docString: table.docString } : {}),
    });
    const columnSymbols = columns.map(
      (c) =>
        new symbols.ColumnSymbol(
          c.name,
          symbols.ScalarTypes[SCALAR_TYPE_SYMBOL[c.type]],
          null,
          null,
          null,
          null,
        ),
    );
    tableSymbols.push(new symbols.TableSymbol.$ctor4(table.name, columnSymbols));
  }
  const database = new symbols.DatabaseSymbol.ctor(input.name, tableSymbols);
  const globals = language.GlobalState.Default!.WithDatabase(database)!;
  // The binder's first analysis costs ~0.5 s; pay it here rather than on the first query.
  language.KustoCode.ParseAndAnalyze(
    'print x = 1 | extend y = strlen(tostring(x)) | summarize count() by y',
    globals,
  );
  const prepared: PreparedDatabase = Object.freeze({ name: input.name, tables: infos });
  internals.set(prepared, { storedTables, globals });
  return prepared;
}

export function internalsOf(db: PreparedDatabase): PreparedDatabaseInternals {
  const found = internals.get(db);
  if (!found) throw new Error('evaluate() needs a database made by prepareDatabase().');
  return found;
}
