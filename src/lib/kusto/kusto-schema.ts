import { QueryFailure, badResponseError, queryErrorFromIssue } from '../query-errors';
import {
  getCell,
  normalizeKustoType,
  type DataSet,
  type KustoScalarType,
  type ResultTable,
} from '../result-model';
import { KustoResponseFormatError } from '../query/response-format-error';
import { sendKustoRequest, type KustoHttpDeps, type KustoTarget } from './kusto-http';
import { parseV1Bytes } from './parse-v1-tables';

/**
 * Plain async fetchers for the schema tree and the editor (react-query hooks wrap them). They
 * throw QueryFailure (with a QueryError) on any failure, honour the signal, and parse in-process:
 * command results are small.
 */

export interface KustoDatabaseInfo {
  name: string;
  prettyName: string | null;
  accessMode: string | null;
}

export interface KustoColumnSchema {
  name: string;
  type: KustoScalarType;
  /** Type as Kusto spells it (`datetime`, `long`…). */
  cslType: string;
  docString: string | null;
}

export interface KustoTableSchema {
  name: string;
  entityType: 'Table' | 'MaterializedView' | 'ExternalTable';
  folder: string | null;
  docString: string | null;
  columns: KustoColumnSchema[];
}

export interface KustoFunctionParameter {
  name: string;
  /** Scalar type (`string`, `datetime`…) or a tabular signature (`(x:long, y:string)`). */
  cslType: string;
  defaultValue: string | null;
}

export interface KustoFunctionSchema {
  name: string;
  folder: string | null;
  docString: string | null;
  body: string | null;
  parameters: KustoFunctionParameter[];
}

export interface KustoDatabaseSchema {
  name: string;
  majorVersion: number | null;
  minorVersion: number | null;
  tables: KustoTableSchema[];
  materializedViews: KustoTableSchema[];
  externalTables: KustoTableSchema[];
  functions: KustoFunctionSchema[];
  /** The `.show database … schema as json` document as received: what monaco-kusto's
   *  `setSchemaFromShowSchema(json, clusterUri, database)` takes. */
  showSchemaJson: string;
}

/** The database management commands run against when none is chosen (the SDKs' default). */
const DEFAULT_DATABASE = 'NetDefaultDB';

/** Runs a management command and returns its parsed v1 result. */
export async function runKustoCommand(
  target: KustoTarget & { database?: string; command: string },
  deps: KustoHttpDeps & { randomUUID?: () => string } = {},
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
    const format = error instanceof KustoResponseFormatError ? error : null;
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

/** `.show databases`: the databases the signed-in user can see. */
export async function fetchDatabases(
  target: KustoTarget,
  deps?: KustoHttpDeps & { randomUUID?: () => string },
): Promise<KustoDatabaseInfo[]> {
  const table = primary(await runKustoCommand({ ...target, command: '.show databases' }, deps));
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

/** Kusto entity name as a literal that is safe in a command: `Samples` or `['My DB']`. */
export function kustoEntityName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name;
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** `.show database X schema as json`, parsed into tables, views, external tables and functions. */
export async function fetchDatabaseSchema(
  target: KustoTarget & { database: string },
  deps?: KustoHttpDeps & { randomUUID?: () => string },
): Promise<KustoDatabaseSchema> {
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

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function list(value: unknown): Json[] {
  // Schema documents hold entities as name-keyed objects (sometimes as arrays).
  if (Array.isArray(value)) return value.map(obj);
  return Object.values(obj(value)).map(obj);
}

function tableSchema(entity: Json, entityType: KustoTableSchema['entityType']): KustoTableSchema {
  const columns = (Array.isArray(entity.OrderedColumns) ? entity.OrderedColumns : []).map(
    (c: unknown) => {
      const column = obj(c);
      const wire = str(column.CslType) ?? str(column.Type) ?? 'string';
      const type = normalizeKustoType(wire);
      return {
        name: String(column.Name ?? ''),
        type,
        cslType: str(column.CslType) ?? type,
        docString: str(column.DocString),
      };
    },
  );
  return {
    name: String(entity.Name ?? ''),
    entityType,
    folder: str(entity.Folder),
    docString: str(entity.DocString),
    columns,
  };
}

function parameterType(parameter: Json): string {
  const csl = str(parameter.CslType);
  if (csl) return csl;
  const dotNet = str(parameter.Type);
  if (dotNet) return normalizeKustoType(dotNet);
  // A tabular parameter lists its columns.
  const columns = Array.isArray(parameter.Columns) ? parameter.Columns.map(obj) : [];
  const signature = columns
    .map((c) => `${String(c.Name ?? '')}:${str(c.CslType) ?? normalizeKustoType(str(c.Type))}`)
    .join(', ');
  return `(${signature || '*'})`;
}

/** Parses a `.show database schema as json` document for one database. */
export function parseShowSchemaJson(json: string, database: string): KustoDatabaseSchema {
  const document = obj(JSON.parse(json) as unknown);
  const databases = obj(document.Databases);
  const key =
    Object.keys(databases).find((name) => name.toLowerCase() === database.toLowerCase()) ??
    Object.keys(databases)[0];
  const db = obj(key === undefined ? undefined : databases[key]);
  const byName = <T extends { name: string }>(items: T[]) =>
    items.sort((a, b) => a.name.localeCompare(b.name));
  return {
    name: str(db.Name) ?? database,
    majorVersion: typeof db.MajorVersion === 'number' ? db.MajorVersion : null,
    minorVersion: typeof db.MinorVersion === 'number' ? db.MinorVersion : null,
    tables: byName(list(db.Tables).map((t) => tableSchema(t, 'Table'))),
    materializedViews: byName(
      list(db.MaterializedViews).map((t) => tableSchema(t, 'MaterializedView')),
    ),
    externalTables: byName(list(db.ExternalTables).map((t) => tableSchema(t, 'ExternalTable'))),
    functions: byName(
      list(db.Functions).map((f) => ({
        name: String(f.Name ?? ''),
        folder: str(f.Folder),
        docString: str(f.DocString),
        body: str(f.Body),
        parameters: (Array.isArray(f.InputParameters) ? f.InputParameters : []).map(
          (p: unknown) => {
            const parameter = obj(p);
            return {
              name: String(parameter.Name ?? ''),
              cslType: parameterType(parameter),
              defaultValue: str(parameter.CslDefaultValue),
            };
          },
        ),
      })),
    ),
    showSchemaJson: json,
  };
}
