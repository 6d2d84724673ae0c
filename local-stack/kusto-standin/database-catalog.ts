/**
 * The databases the stand-in cluster serves: Samples (the StormEvents replica and its companion
 * tables, a materialized view and an external table's listing), ContosoSales (restricted, see
 * principals.ts), SampleLogs (generated trace lines) and QuarryTest (a big deterministic table for truncation and performance tests).
 */
import {
  generatePopulationData,
  generateSales,
  generateStateCodes,
} from '../data/sample-tables.ts';
import { generateStormEvents } from '../data/storm-events.ts';
import { generateTraceLogs } from '../data/sample-logs.ts';
import { prepareDatabase } from './kql-engine-api.ts';
import type { ColumnSchema, PreparedDatabase, TableInput, WireValue } from './kql-engine-api.ts';
import { estimateBytesPerRow, type TableWeights } from './query-measurement.ts';
import {
  CONTOSO_SALES_FUNCTIONS,
  SAMPLES_FUNCTIONS,
  type StoredFunction,
} from './stored-functions.ts';

export interface CatalogTable {
  name: string;
  columns: ColumnSchema[];
  folder?: string;
  docString?: string;
}

/** A materialized view: queryable by name like a table, listed in the schema's own section. */
export interface CatalogMaterializedView extends CatalogTable {
  /** The view's query, as `.show materialized-views` prints it. */
  query: string;
  sourceTable: string;
}

export interface CatalogDatabase {
  name: string;
  prettyName: string;
  databaseId: string;
  prepared: PreparedDatabase;
  tables: readonly CatalogTable[];
  materializedViews: readonly CatalogMaterializedView[];
  /** Listed in the schema only: the stand-in has no external storage to read them from. */
  externalTables: readonly CatalogTable[];
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

export interface CatalogExtras {
  functions?: readonly StoredFunction[];
  /** Each with its rows (computed once here: the stand-in does not refresh views). */
  materializedViews?: ReadonlyArray<TableInput & { query: string; sourceTable: string }>;
  externalTables?: readonly CatalogTable[];
}

export function catalogDatabase(
  name: string,
  databaseId: string,
  tables: TableInput[],
  extras: CatalogExtras = {},
): CatalogDatabase {
  const views = extras.materializedViews ?? [];
  // Views are queried by name like tables, so the engine stores them beside the tables.
  const stored = [...tables, ...views];
  const entry = ({ name: tableName, columns, folder, docString }: CatalogTable): CatalogTable => ({
    name: tableName,
    columns,
    folder,
    docString,
  });
  return {
    name,
    prettyName: '',
    databaseId,
    prepared: prepareDatabase({ name, tables: stored }),
    weights: tableWeights(stored),
    functions: extras.functions ?? [],
    tables: tables.map(entry),
    materializedViews: views.map((view) => ({
      ...entry(view),
      query: view.query,
      sourceTable: view.sourceTable,
    })),
    externalTables: extras.externalTables ?? [],
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

/** `StormsByState`: storms, deaths and the last storm per state, computed from StormEvents. */
export function stormsByStateView(
  stormEvents: TableInput,
): TableInput & { query: string; sourceTable: string } {
  const at = (name: string) => stormEvents.columns.findIndex((c) => c.name === name);
  const [state, start, deathsDirect, deathsIndirect] = [
    at('State'),
    at('StartTime'),
    at('DeathsDirect'),
    at('DeathsIndirect'),
  ];
  const byState = new Map<string, { storms: number; deaths: number; last: string }>();
  for (const row of stormEvents.rows) {
    const key = String(row[state]);
    const entry = byState.get(key) ?? { storms: 0, deaths: 0, last: '' };
    entry.storms++;
    entry.deaths += Number(row[deathsDirect] ?? 0) + Number(row[deathsIndirect] ?? 0);
    const started = String(row[start]);
    if (started > entry.last) entry.last = started;
    byState.set(key, entry);
  }
  return {
    name: 'StormsByState',
    columns: [
      { name: 'State', type: 'string' },
      { name: 'Storms', type: 'long' },
      { name: 'Deaths', type: 'long' },
      { name: 'LastStorm', type: 'datetime' },
    ],
    rows: [...byState].map(([key, e]) => [key, e.storms, e.deaths, e.last]),
    folder: 'Storm_Events',
    docString:
      'Storms, deaths and the last storm per state (a materialized view of the local stand-in, computed once from StormEvents).',
    sourceTable: 'StormEvents',
    query:
      'StormEvents | summarize Storms = count(), Deaths = sum(DeathsDirect + DeathsIndirect), LastStorm = max(StartTime) by State',
  };
}

/** An external table as the schema lists it; the stand-in has no blob storage behind it. */
const STORM_EVENTS_ARCHIVE: CatalogTable = {
  name: 'StormEventsArchive',
  columns: [
    { name: 'StartTime', type: 'datetime' },
    { name: 'State', type: 'string' },
    { name: 'EventType', type: 'string' },
    { name: 'DamageProperty', type: 'int' },
  ],
  folder: 'Archive',
  docString:
    'Older storm events in blob storage (listed by the local stand-in only: it serves no external data, so external_table() is not answered).',
};

/** Samples as the stand-in serves it (the test fixture builds the same database). */
export function samplesDatabase(stormEvents: TableInput = generateStormEvents()): CatalogDatabase {
  return catalogDatabase(
    'Samples',
    'a4f2c7d1-6b3e-4c8a-9f0d-2e1b5a7c3d90',
    [stormEvents, generatePopulationData(), generateStateCodes()],
    {
      functions: SAMPLES_FUNCTIONS,
      materializedViews: [stormsByStateView(stormEvents)],
      externalTables: [STORM_EVENTS_ARCHIVE],
    },
  );
}

export function contosoSalesDatabase(): CatalogDatabase {
  return catalogDatabase(
    'ContosoSales',
    'c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b',
    [generateSales()],
    {
      functions: CONTOSO_SALES_FUNCTIONS,
    },
  );
}

/** A second database every principal may read (generated; see ../data/sample-logs.ts). */
export function sampleLogsDatabase(): CatalogDatabase {
  return catalogDatabase('SampleLogs', '5a3e1f0b-7c2d-4e8f-9a6b-1d2c3e4f5a6b', [
    generateTraceLogs(),
  ]);
}

export function buildLocalCatalog(options: LocalCatalogOptions = {}): DatabaseCatalog {
  const stormEvents = generateStormEvents();
  const databases = [samplesDatabase(stormEvents), contosoSalesDatabase(), sampleLogsDatabase()];
  if (options.includeLargeTestTable ?? false) {
    databases.push(
      catalogDatabase('QuarryTest', '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918', [
        stormEventsTimesTen(stormEvents),
      ]),
    );
  }
  return new DatabaseCatalog(databases);
}
