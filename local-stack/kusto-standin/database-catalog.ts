/**
 * The databases the stand-in cluster serves: Samples (the StormEvents replica and its companion
 * tables), ContosoSales (restricted, see principals.ts) and QuarryTest (a big deterministic table
 * for truncation and performance tests).
 */
import {
  generatePopulationData,
  generateSales,
  generateStateCodes,
} from '../data/sample-tables.ts';
import { generateStormEvents } from '../data/storm-events.ts';
import { prepareDatabase } from './kql-engine-api.ts';
import type { ColumnSchema, PreparedDatabase, TableInput, WireValue } from './kql-engine-api.ts';
import { estimateBytesPerRow, type TableWeights } from './query-measurement.ts';
import { SAMPLES_FUNCTIONS, type StoredFunction } from './stored-functions.ts';

export interface CatalogTable {
  name: string;
  columns: ColumnSchema[];
  folder?: string;
  docString?: string;
}

export interface CatalogDatabase {
  name: string;
  prettyName: string;
  databaseId: string;
  prepared: PreparedDatabase;
  tables: readonly CatalogTable[];
  /** Row counts and row sizes of the stored tables, for the query statistics. */
  weights: TableWeights;
  functions: readonly StoredFunction[];
}

export class DatabaseCatalog {
  private readonly byName = new Map<string, CatalogDatabase>();

  constructor(databases: readonly CatalogDatabase[]) {
    for (const db of databases) this.byName.set(db.name, db);
  }

  /** Exact name first, then case-insensitively (as clusters resolve database names). */
  get(name: string): CatalogDatabase | undefined {
    const exact = this.byName.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return [...this.byName.values()].find((db) => db.name.toLowerCase() === lower);
  }

  list(): CatalogDatabase[] {
    return [...this.byName.values()];
  }
}

export function catalogDatabase(
  name: string,
  databaseId: string,
  tables: TableInput[],
  functions: readonly StoredFunction[] = [],
): CatalogDatabase {
  return {
    name,
    prettyName: '',
    databaseId,
    prepared: prepareDatabase({ name, tables }),
    weights: tableWeights(tables),
    functions,
    tables: tables.map(({ name: tableName, columns, folder, docString }) => ({
      name: tableName,
      columns,
      folder,
      docString,
    })),
  };
}

/** Row sizes are estimated on first use (a sample of rows), not at start-up. */
function tableWeights(tables: readonly TableInput[]): TableWeights {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const bytes = new Map<string, number>();
  return {
    rowCount: (name) => byName.get(name)?.rows.length ?? 0,
    bytesPerRow: (name) => {
      let perRow = bytes.get(name);
      if (perRow === undefined) {
        perRow = estimateBytesPerRow(byName.get(name)?.rows ?? []);
        bytes.set(name, perRow);
      }
      return perRow;
    },
  };
}

/** StormEvents ten times over, EventIds shifted by 1,000,000 per copy (590,660 rows). */
export function stormEventsTimesTen(stormEvents: TableInput): TableInput {
  const eventIdColumn = stormEvents.columns.findIndex((c) => c.name === 'EventId');
  const rows: WireValue[][] = [];
  for (let copy = 0; copy < 10; copy++) {
    for (const row of stormEvents.rows) {
      if (copy === 0) {
        rows.push(row);
        continue;
      }
      const shifted = row.slice();
      shifted[eventIdColumn] = (row[eventIdColumn] as number) + copy * 1_000_000;
      rows.push(shifted);
    }
  }
  return {
    name: 'StormEventsX10',
    columns: stormEvents.columns,
    rows,
    folder: 'Quarry_Test',
    docString:
      'The StormEvents replica repeated 10 times (EventId + n*1,000,000 for copy n); a big deterministic table for ' +
      "truncation and performance tests of Quarry's local stack. Not a real Samples table.",
  };
}

export interface LocalCatalogOptions {
  /** Build QuarryTest.StormEventsX10 (590,660 rows, ~0.5 s and ~150 MB). Default false: the engine has
   * `range` and `union`, e.g. `union StormEvents, StormEvents, ...` gives big StormEvents-shaped results. */
  includeLargeTestTable?: boolean;
}

export function buildLocalCatalog(options: LocalCatalogOptions = {}): DatabaseCatalog {
  const stormEvents = generateStormEvents();
  const databases = [
    catalogDatabase(
      'Samples',
      'a4f2c7d1-6b3e-4c8a-9f0d-2e1b5a7c3d90',
      [stormEvents, generatePopulationData(), generateStateCodes()],
      SAMPLES_FUNCTIONS,
    ),
    catalogDatabase('ContosoSales', 'c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b', [generateSales()]),
  ];
  if (options.includeLargeTestTable ?? false) {
    databases.push(
      catalogDatabase('QuarryTest', '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918', [
        stormEventsTimesTen(stormEvents),
      ]),
    );
  }
  return new DatabaseCatalog(databases);
}
