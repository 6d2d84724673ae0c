/**
 * Writes a v1 response (`/v1/rest/query`, `/v1/rest/mgmt`): `{"Tables":[{TableName, Columns, Rows}]}`
 * with .NET DataType and Kusto ColumnType on each column (kusto-v1/go-success.json), streamed.
 */
import type { ColumnSchema, KustoScalarType, WireValue } from './kql-engine-api.ts';
import type { ResponseSink } from './response-sink.ts';
import { RowCursor, writeRows } from './result-streaming.ts';
import type { RowStreamControl, StopReason } from './result-streaming.ts';

const dataTypeByKustoType: Record<KustoScalarType, string> = {
  bool: 'Boolean',
  int: 'Int32',
  long: 'Int64',
  real: 'Double',
  decimal: 'Decimal',
  datetime: 'DateTime',
  timespan: 'TimeSpan',
  string: 'String',
  guid: 'Guid',
  dynamic: 'Object',
};

export function v1Columns(columns: readonly ColumnSchema[]): string {
  return JSON.stringify(
    columns.map((c) => ({
      ColumnName: c.name,
      DataType: dataTypeByKustoType[c.type],
      ColumnType: c.type,
    })),
  );
}

/** v1 carries dynamic values as JSON text. */
export function v1RowEncoder(
  columns: readonly ColumnSchema[],
): ((row: WireValue[]) => WireValue[]) | undefined {
  const dynamicColumns = columns.flatMap((c, i) => (c.type === 'dynamic' ? [i] : []));
  if (dynamicColumns.length === 0) return undefined;
  return (row) => {
    const copy = row.slice();
    for (const i of dynamicColumns) {
      const v = copy[i];
      if (v !== null && v !== undefined) copy[i] = JSON.stringify(v);
    }
    return copy;
  };
}

export class V1ResponseWriter {
  private tables = 0;

  constructor(private readonly sink: ResponseSink) {}

  async table(
    name: string,
    columns: readonly ColumnSchema[],
    rows: readonly WireValue[][] | RowCursor,
    control: Omit<RowStreamControl, 'sink'>,
    partialErrorText?: () => string,
  ): Promise<{ rowCount: number; stop: StopReason }> {
    await this.sink.write(
      `${this.tables === 0 ? '{"Tables":[' : ','}{"TableName":${JSON.stringify(name)},"Columns":${v1Columns(columns)},"Rows":[`,
    );
    this.tables++;
    const cursor = rows instanceof RowCursor ? rows : RowCursor.of(rows);
    const { written, stop } = await writeRows(cursor, Infinity, false, {
      ...control,
      sink: this.sink,
      encodeRow: control.encodeRow ?? v1RowEncoder(columns),
    });
    if (stop === 'abort') return { rowCount: written, stop };
    if ((stop === 'limit' || stop === 'error') && partialErrorText) {
      await this.sink.write(
        `${written > 0 ? ',' : ''}${JSON.stringify({ Exceptions: [partialErrorText()] })}`,
      );
    }
    await this.sink.write(']}');
    return { rowCount: written, stop };
  }

  async end(exceptions: readonly string[] = []): Promise<void> {
    if (this.tables === 0) await this.sink.write('{"Tables":[');
    await this.sink.write(
      exceptions.length > 0 ? `],"Exceptions":${JSON.stringify(exceptions)}}` : ']}',
    );
  }
}
