import { QueryFailure, badResponseError, queryErrorFromIssue } from '../query-errors';
import { getCell, type DataSet, type ResultTable } from '../result-model';
import { parseShowSchemaJson, type DatabaseSchema } from '../query/database-schema';
import { ResponseFormatError } from '../query/response-format-error';
import type { HttpDeps } from '../query/http-request';
import { sendKustoRequest, type KustoTarget } from './kusto-http';
import { parseV1Bytes } from './parse-v1-tables';

/**
 * Plain async fetchers for the schema tree and the editor (react-query hooks wrap them). They
 * throw QueryFailure (with a QueryError) on any failure, honour the signal, and parse in-process:
 * command results are small.
 */

/** One row of `.show databases`: what the schema tree lists for a cluster. */
export interface KustoDatabaseInfo {
  name: string;
  /** The database's display name, when it has one (`PrettyName`). */
  prettyName: string | null;
  /** `ReadWrite`, `ReadOnly`, `ReadOnlyFollowing`… */
  accessMode: string | null;
}

/** The database management commands run against when none is chosen (the SDKs' default). */
const DEFAULT_DATABASE = 'NetDefaultDB';

/** Runs a management command and returns its parsed v1 result. */
export async function runKustoCommand(
  target: KustoTarget & { database?: string; command: string },
  deps: HttpDeps & { randomUUID?: () => string } = {},
): Promise<DataSet> {
  const uuid = deps.randomUUID ?? (() => crypto.randomUUID());
  const requestId = `Quarry.Schema;${uuid()}`;
  const ctx = {
    requestId,
    host: new URL(target.clusterUrl).host,
    database: target.database ?? null,
  };
  const result = await sendKustoRequest({
    target,
    path: '/v1/rest/mgmt',
    body: { db: target.database ?? DEFAULT_DATABASE, csl: target.command },
    requestId,
    deps,
  });
  if (!result.ok) throw new QueryFailure(result.error);
  const activity = { ...ctx, activityId: result.activityId };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await result.response.arrayBuffer());
  } catch (error) {
    if (target.signal.aborted)
      throw new QueryFailure(badResponseError('Cancelled.', null, activity));
    throw new QueryFailure(
      badResponseError(`Reading the response failed: ${String(error)}`, null, activity),
    );
  }
  let dataSet: DataSet;
  try {
    dataSet = parseV1Bytes(bytes);
  } catch (error) {
    const format = error instanceof ResponseFormatError ? error : null;
    throw new QueryFailure(
      badResponseError(format?.message ?? String(error), format?.sample ?? null, activity),
    );
  }
  const fatal = dataSet.issues.find((issue) => issue.severity === 'error');
  if (fatal) throw new QueryFailure(queryErrorFromIssue(fatal, activity));
  return dataSet;
}

function primary(dataSet: DataSet): ResultTable {
  const table = dataSet.tables.find((t) => t.kind === 'PrimaryResult') ?? dataSet.tables[0];
  if (!table)
    throw new QueryFailure(
      badResponseError('The command returned no table.', null, { requestId: null }),
    );
  return table;
}

function text(table: ResultTable, row: number, column: string): string | null {
  const col = table.columns.findIndex((c) => c.name === column);
  if (col < 0) return null;
  const value = getCell(table, row, col);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The databases of a `.show databases` result, by name (columns found by name, not position). */
export function databasesFromTable(table: ResultTable): KustoDatabaseInfo[] {
  const databases: KustoDatabaseInfo[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    const name = text(table, row, 'DatabaseName');
    if (name) {
      databases.push({
        name,
        prettyName: text(table, row, 'PrettyName'),
        accessMode: text(table, row, 'DatabaseAccessMode'),
      });
    }
  }
  return databases.sort((a, b) => a.name.localeCompare(b.name));
}

/** `.show databases`: the databases the signed-in user can see on the cluster. */
export async function fetchDatabases(
  target: KustoTarget,
  deps?: HttpDeps & { randomUUID?: () => string },
): Promise<KustoDatabaseInfo[]> {
  return databasesFromTable(
    primary(await runKustoCommand({ ...target, command: '.show databases' }, deps)),
  );
}

/** Kusto entity name as a literal that is safe in a command: `Samples` or `['My DB']`. */
export function kustoEntityName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name;
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** `.show database X schema as json`, parsed into tables, views, external tables and functions. */
export async function fetchDatabaseSchema(
  target: KustoTarget & { database: string },
  deps?: HttpDeps & { randomUUID?: () => string },
): Promise<DatabaseSchema> {
  const command = `.show database ${kustoEntityName(target.database)} schema as json`;
  const table = primary(await runKustoCommand({ ...target, command }, deps));
  const json = table.rowCount > 0 ? getCell(table, 0, 0) : null;
  const showSchemaJson = typeof json === 'string' ? json : JSON.stringify(json);
  try {
    return parseShowSchemaJson(showSchemaJson, target.database);
  } catch (error) {
    throw new QueryFailure(
      badResponseError(
        `The schema document could not be read: ${String(error)}`,
        showSchemaJson.slice(0, 500),
        {
          requestId: null,
          database: target.database,
        },
      ),
    );
  }
}
