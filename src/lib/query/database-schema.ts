import { normalizeKustoType, type KustoScalarType } from '../result-model';

/**
 * The schema every source maps into: tables, views, external tables and functions of one database
 * (a Kusto database, an App Insights app, a Log Analytics workspace). The schema tree and the
 * editor's completion read it; `showSchemaJson` is the document monaco-kusto takes.
 */

export interface ColumnSchema {
  name: string;
  type: KustoScalarType;
  /** Type as Kusto spells it (`datetime`, `long`…). */
  cslType: string;
  docString: string | null;
}

export interface TableSchema {
  name: string;
  entityType: 'Table' | 'MaterializedView' | 'ExternalTable';
  folder: string | null;
  docString: string | null;
  columns: ColumnSchema[];
}

export interface FunctionParameter {
  name: string;
  /** Scalar type (`string`, `datetime`…) or a tabular signature (`(x:long, y:string)`). */
  cslType: string;
  defaultValue: string | null;
}

export interface FunctionSchema {
  name: string;
  folder: string | null;
  docString: string | null;
  body: string | null;
  parameters: FunctionParameter[];
}

export interface DatabaseSchema {
  name: string;
  majorVersion: number | null;
  minorVersion: number | null;
  tables: TableSchema[];
  materializedViews: TableSchema[];
  externalTables: TableSchema[];
  functions: FunctionSchema[];
  /** The `.show database … schema as json` document as received: what monaco-kusto's
   *  `setSchemaFromShowSchema(json, clusterUri, database)` takes. */
  showSchemaJson: string;
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

function tableSchema(entity: Json, entityType: TableSchema['entityType']): TableSchema {
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
export function parseShowSchemaJson(json: string, database: string): DatabaseSchema {
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
