/**
 * `/v1/rest/mgmt`: the control commands a query console needs (`.show databases`, `.show tables`,
 * `.show functions`, `.show materialized-views`, `.show external tables`,
 * `.show database X schema as json`, `.show version`, `.show queries`, `.cancel query`), answered
 * in the v1 shape with the columns real clusters return.
 */
import type { CatalogDatabase, CatalogTable } from './database-catalog.ts';
import { parameterList } from './stored-functions.ts';
import type { ColumnSchema, KustoScalarType, WireValue } from './kql-engine-api.ts';
import { JSON_CONTENT_TYPE, sendJson } from './kusto-exchange.ts';
import type { KustoExchange } from './kusto-exchange.ts';
import { badRequestBody, forbiddenBody } from './one-api-errors.ts';
import { canReadDatabase } from './principals.ts';
import type { Principal } from './principals.ts';
import { authorizeDatabase } from './query-execution.ts';
import type { QueryServices } from './query-execution.ts';
import type { KustoRequest } from './query-request.ts';
import { ResponseSink } from './response-sink.ts';
import { V1ResponseWriter } from './v1-response-writer.ts';

interface CommandResult {
  columns: ColumnSchema[];
  rows: WireValue[][];
}

const STANDIN_VERSION = '1.0.9012.34567';

const clrTypeByKustoType: Record<KustoScalarType, string> = {
  bool: 'System.SByte',
  int: 'System.Int32',
  long: 'System.Int64',
  real: 'System.Double',
  decimal: 'System.Data.SqlTypes.SqlDecimal',
  datetime: 'System.DateTime',
  timespan: 'System.TimeSpan',
  string: 'System.String',
  guid: 'System.Guid',
  dynamic: 'System.Object',
};

function orderedColumns(table: CatalogTable) {
  return table.columns.map((c) => ({
    Name: c.name,
    Type: clrTypeByKustoType[c.type],
    CslType: c.type,
  }));
}

/** One entity of a schema section, keyed by name. */
function section<T extends CatalogTable>(
  tables: readonly T[],
  entityType: 'Table' | 'MaterializedViewTable' | 'ExternalTable',
  extra: (table: T) => Record<string, unknown> = () => ({}),
) {
  return Object.fromEntries(
    tables.map((t) => [
      t.name,
      {
        Name: t.name,
        EntityType: entityType,
        OrderedColumns: orderedColumns(t),
        Folder: t.folder ?? '',
        DocString: t.docString ?? '',
        ...extra(t),
      },
    ]),
  );
}

/**
 * The `.show database X schema as json` document `@kusto/monaco-kusto`'s setSchemaFromShowSchema
 * reads: Tables, ExternalTables and MaterializedViews are name-keyed sections with the same entity
 * shape (EntityType tells them apart; a view also carries its Query), Functions their own.
 */
export function databaseSchemaJson(databases: readonly CatalogDatabase[]): string {
  const entries = databases.map((db) => [
    db.name,
    {
      Name: db.name,
      Tables: section(db.tables, 'Table'),
      ExternalTables: section(db.externalTables, 'ExternalTable'),
      MaterializedViews: section(db.materializedViews, 'MaterializedViewTable', (view) => ({
        Query: view.query,
      })),
      Functions: Object.fromEntries(
        db.functions.map((fn) => [
          fn.name,
          {
            Name: fn.name,
            InputParameters: fn.parameters.map((p) => ({
              Name: p.name,
              Type: clrTypeByKustoType[p.type as KustoScalarType],
              CslType: p.type,
              ...(p.defaultValue !== undefined ? { CslDefaultValue: p.defaultValue } : {}),
            })),
            Body: fn.body,
            Folder: fn.folder,
            DocString: fn.docString,
            FunctionKind: 'Unknown',
            OutputColumns: [],
          },
        ]),
      ),
      EntityGroups: {},
      DatabaseAccessMode: 'ReadOnly',
      MajorVersion: 1,
      MinorVersion: 0,
    },
  ]);
  return JSON.stringify({ Plugins: [], Databases: Object.fromEntries(entries) });
}

function stringColumns(...names: string[]): ColumnSchema[] {
  return names.map((name) => ({ name, type: 'string' }));
}

export async function executeManagementCommand(
  exchange: KustoExchange,
  services: QueryServices,
  kustoRequest: KustoRequest,
): Promise<void> {
  const principal = exchange.principal as Principal;
  const text = kustoRequest.csl.trim();
  const fail = (message: string): void =>
    sendJson(
      exchange,
      400,
      badRequestBody(message, exchange.ids, {
        query: text,
        database: kustoRequest.db,
        activityType: 'DN.FE.ExecuteControlCommand',
      }),
    );

  let result: CommandResult;
  let m: RegExpExecArray | null;
  if (/^\.show\s+databases\s*$/i.test(text)) {
    result = {
      columns: [
        { name: 'DatabaseName', type: 'string' },
        { name: 'PersistentStorage', type: 'string' },
        { name: 'Version', type: 'string' },
        { name: 'IsCurrent', type: 'bool' },
        { name: 'DatabaseAccessMode', type: 'string' },
        { name: 'PrettyName', type: 'string' },
        { name: 'ReservedSlot1', type: 'bool' },
        { name: 'DatabaseId', type: 'guid' },
        { name: 'InTransitionTo', type: 'string' },
        { name: 'SuspensionState', type: 'dynamic' },
      ],
      rows: services.catalog
        .list()
        .filter((db) => canReadDatabase(principal, db.name))
        .map((db) => [
          db.name,
          `local://quarry/${db.name}`,
          'v1.0',
          db.name.toLowerCase() === kustoRequest.db.toLowerCase(),
          'ReadOnly',
          db.prettyName,
          false,
          db.databaseId,
          '',
          null,
        ]),
    };
  } else if (/^\.show\s+tables\s*$/i.test(text)) {
    const db = authorizeDatabase(exchange, services, kustoRequest.db, text);
    if (!db) return;
    result = {
      columns: stringColumns('TableName', 'DatabaseName', 'Folder', 'DocString'),
      rows: db.tables.map((t) => [t.name, db.name, t.folder ?? '', t.docString ?? '']),
    };
  } else if (
    (m = /^\.show\s+database\s+(?:\[\s*['"]([^'"]+)['"]\s*\]|(\w+))\s+schema\s+as\s+json\s*$/i.exec(
      text,
    ))
  ) {
    const db = authorizeDatabase(exchange, services, m[1] ?? m[2]!, text);
    if (!db) return;
    result = { columns: stringColumns('DatabaseSchema'), rows: [[databaseSchemaJson([db])]] };
  } else if (/^\.show\s+(?:database\s+)?schema\s+as\s+json\s*$/i.test(text)) {
    const db = authorizeDatabase(exchange, services, kustoRequest.db, text);
    if (!db) return;
    result = { columns: stringColumns('DatabaseSchema'), rows: [[databaseSchemaJson([db])]] };
  } else if (/^\.show\s+functions\s*$/i.test(text)) {
    const db = authorizeDatabase(exchange, services, kustoRequest.db, text);
    if (!db) return;
    result = {
      columns: stringColumns('Name', 'Parameters', 'Body', 'Folder', 'DocString'),
      rows: db.functions.map((fn) => [
        fn.name,
        parameterList(fn),
        fn.body,
        fn.folder,
        fn.docString,
      ]),
    };
  } else if (/^\.show\s+materialized-views\s*$/i.test(text)) {
    const db = authorizeDatabase(exchange, services, kustoRequest.db, text);
    if (!db) return;
    result = {
      columns: stringColumns('Name', 'SourceTable', 'Query', 'Folder', 'DocString'),
      rows: db.materializedViews.map((v) => [
        v.name,
        v.sourceTable,
        v.query,
        v.folder ?? '',
        v.docString ?? '',
      ]),
    };
  } else if (/^\.show\s+external\s+tables\s*$/i.test(text)) {
    const db = authorizeDatabase(exchange, services, kustoRequest.db, text);
    if (!db) return;
    result = {
      columns: stringColumns('TableName', 'TableType', 'Folder', 'DocString'),
      rows: db.externalTables.map((t) => [t.name, 'Blob', t.folder ?? '', t.docString ?? '']),
    };
  } else if (/^\.show\s+version\s*$/i.test(text)) {
    result = {
      columns: [
        { name: 'BuildVersion', type: 'string' },
        { name: 'BuildTime', type: 'datetime' },
        { name: 'ServiceType', type: 'string' },
        { name: 'ProductVersion', type: 'string' },
        { name: 'ServiceOffering', type: 'string' },
      ],
      rows: [
        [
          STANDIN_VERSION,
          '2026-01-01T00:00:00Z',
          'Engine',
          'Quarry.LocalKustoStandIn',
          '{"Type":"Azure Data Explorer (local stand-in)"}',
        ],
      ],
    };
  } else if (/^\.show\s+queries\s*$/i.test(text)) {
    const now = Date.now();
    result = {
      columns: [
        { name: 'ClientActivityId', type: 'string' },
        { name: 'Text', type: 'string' },
        { name: 'Database', type: 'string' },
        { name: 'StartedOn', type: 'datetime' },
        { name: 'Duration', type: 'timespan' },
        { name: 'State', type: 'string' },
        { name: 'User', type: 'string' },
      ],
      rows: services.controls
        .runningQueries()
        .filter((q) => principal.displayName === q.user)
        .map((q) => [
          q.clientRequestId,
          q.text,
          q.database,
          q.startedOn.toISOString(),
          formatTimespan(now - q.startedOn.getTime()),
          'InProgress',
          q.user,
        ]),
    };
  } else if (
    (m =
      /^\.cancel\s+query\s+(?:"([^"]*)"|'([^']*)')\s*(?:with\s*\(\s*reason\s*=\s*(?:"([^"]*)"|'([^']*)')\s*\))?\s*$/i.exec(
        text,
      ))
  ) {
    const clientRequestId = m[1] ?? m[2] ?? '';
    const reason = m[3] ?? m[4] ?? '';
    const target = services.controls
      .runningQueries()
      .find((q) => q.clientRequestId === clientRequestId);
    if (target && target.user !== principal.displayName) {
      sendJson(exchange, 403, forbiddenBody(principal.fqn, target.database, exchange.ids));
      return;
    }
    const cancelled = services.controls.cancel(clientRequestId, reason);
    result = {
      columns: [
        { name: 'ClientRequestId', type: 'string' },
        { name: 'ReasonPhrase', type: 'string' },
        { name: 'RunningQueryCanceled', type: 'bool' },
      ],
      rows: [[clientRequestId, reason, cancelled]],
    };
  } else if (/^\.cancel\b/i.test(text)) {
    fail(
      `Syntax error: the command should look like .cancel query "<ClientRequestId>" [with (reason="...")]`,
    );
    return;
  } else {
    const name = /^\.\s*\w+(?:\s+\w+)?/.exec(text)?.[0] ?? text.slice(0, 40);
    fail(`The control command '${name}' is not supported by Quarry's local Kusto stand-in.`);
    return;
  }

  exchange.response.writeHead(200, { 'Content-Type': JSON_CONTENT_TYPE });
  const sink = new ResponseSink(exchange.response);
  const writer = new V1ResponseWriter(sink);
  await writer.table('Table_0', result.columns, result.rows, {
    limits: null,
    isCancelled: () => false,
  });
  await writer.end();
  sink.end();
}

function formatTimespan(ms: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const fraction = String((ms % 1000) * 10_000).padStart(7, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${fraction}`;
}
