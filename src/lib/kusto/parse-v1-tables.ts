import { DataSetBuilder, type DataSet, type TableKind } from '../result-model';
import { decodeWithExactNumbers, findLongNumberStarts } from '../query/exact-json-numbers';
import { ResponseFormatError } from '../query/response-format-error';

/**
 * Kusto v1 responses (`/v1/rest/mgmt`, `/v1/rest/query`): `{"Tables": [...], "Exceptions"?}`.
 * Tables are named Table_0…; a query's last table is a table of contents giving the real names
 * and kinds. Columns carry `ColumnType` (Kusto) and/or `DataType` (.NET). Errors appear as
 * `{"Exceptions": [...]}` rows and a top-level `Exceptions` list. Bools may be 0/1; dynamic values
 * are JSON text. Parsed whole: v1 bodies are command results, not half-GB query results.
 */

interface V1Table {
  TableName?: unknown;
  Columns?: unknown;
  Rows?: unknown;
}

interface V1Column {
  ColumnName?: unknown;
  ColumnType?: unknown;
  DataType?: unknown;
}

const tocKinds: Record<string, TableKind> = {
  QueryResult: 'PrimaryResult',
  PrimaryResult: 'PrimaryResult',
  QueryProperties: 'QueryProperties',
  QueryStatus: 'QueryStatus',
  QueryTraceLog: 'QueryTraceLog',
  QueryPerfLog: 'QueryPerfLog',
  QueryPlan: 'QueryPlan',
};

function columnsOf(table: V1Table): V1Column[] {
  return Array.isArray(table.Columns) ? (table.Columns as V1Column[]) : [];
}

function columnNames(table: V1Table): string[] {
  return columnsOf(table).map((c) => String(c.ColumnName ?? ''));
}

function hasColumns(table: V1Table, names: string[]): boolean {
  const own = columnNames(table);
  return names.every((n) => own.includes(n));
}

const isToc = (t: V1Table) => hasColumns(t, ['Ordinal', 'Kind', 'Name', 'Id']);
const isStatus = (t: V1Table) =>
  hasColumns(t, ['Severity', 'SeverityName', 'StatusCode', 'StatusDescription']);
const isProperties = (t: V1Table) => columnNames(t).length === 1 && columnNames(t)[0] === 'Value';

/** Names and kinds per table: from the table of contents when there is one, else by shape. */
function identify(tables: V1Table[]): { name: string; kind: TableKind }[] {
  const last = tables[tables.length - 1];
  if (tables.length > 1 && last && isToc(last)) {
    const rows = Array.isArray(last.Rows) ? (last.Rows as unknown[]) : [];
    const cols = columnNames(last);
    const kindCol = cols.indexOf('Kind');
    const nameCol = cols.indexOf('Name');
    return tables.map((table, i) => {
      if (i === tables.length - 1) return { name: 'TableOfContents', kind: 'TableOfContents' };
      const entry = rows[i];
      const kind = Array.isArray(entry) ? String(entry[kindCol] ?? '') : '';
      const name = Array.isArray(entry) ? String(entry[nameCol] ?? '') : '';
      return {
        name: name || String(table.TableName ?? `Table_${i}`),
        kind: tocKinds[kind] ?? (kind || 'Unknown'),
      };
    });
  }
  return tables.map((table, i) => {
    const name = String(table.TableName ?? `Table_${i}`);
    if (i > 0 && isStatus(table)) return { name: 'QueryStatus', kind: 'QueryStatus' };
    if (i > 0 && isProperties(table))
      return { name: '@ExtendedProperties', kind: 'QueryProperties' };
    return { name, kind: 'PrimaryResult' };
  });
}

/** Parses a whole v1 body. Integers beyond 2^53 stay exact. */
export function parseV1Bytes(bytes: Uint8Array): DataSet {
  const decoder = new TextDecoder();
  const text = decodeWithExactNumbers(decoder, bytes, 0, bytes.length, findLongNumberStarts(bytes));
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ResponseFormatError('The response is not valid JSON.', text.slice(0, 200));
  }
  return buildV1DataSet(body, true);
}

export function buildV1DataSet(body: unknown, exactNumbers = false): DataSet {
  const record =
    body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  if (!record || !Array.isArray(record.Tables)) {
    throw new ResponseFormatError(
      'The response is not a Kusto v1 result (an object with "Tables").',
      JSON.stringify(body)?.slice(0, 2000) ?? null,
      body,
    );
  }
  const tables = record.Tables as V1Table[];
  const builder = new DataSetBuilder('kusto-v1', { dynamicTextIsJson: true });
  const identities = identify(tables);
  const primaryIds: number[] = [];
  let propertiesId: number | null = null;

  tables.forEach((table, id) => {
    const identity = identities[id] ?? { name: `Table_${id}`, kind: 'Unknown' };
    builder.addTable({
      id,
      name: identity.name,
      kind: identity.kind,
      columns: columnsOf(table).map((c) => ({
        name: String(c.ColumnName ?? ''),
        wireType: String(c.ColumnType ?? c.DataType ?? ''),
      })),
    });
    if (Array.isArray(table.Rows))
      builder.appendRows(id, table.Rows as unknown[], { exactNumbers });
    builder.completeTable(id);
    if (identity.kind === 'PrimaryResult') primaryIds.push(id);
    if (identity.kind === 'QueryProperties') propertiesId = id;
  });

  // v1 properties rows carry no table id: row k describes the k-th primary result.
  const properties = propertiesId === null ? undefined : builder.table(propertiesId);
  if (properties) {
    const values = properties.data[0];
    for (let row = 0; row < properties.rowCount && row < primaryIds.length; row++) {
      if (values && (values.type === 'string' || values.type === 'dynamic')) {
        builder.setVisualization(primaryIds[row] as number, values.values.get(row));
      }
    }
  }

  const exceptions = Array.isArray(record.Exceptions) ? record.Exceptions : [];
  builder.addOneApiErrors(exceptions.map(String), 'v1-exceptions', null);
  builder.complete({ hasErrors: exceptions.length > 0, cancelled: false });
  return builder.finish();
}
