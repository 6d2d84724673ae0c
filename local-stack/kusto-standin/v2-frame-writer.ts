/**
 * Writes a v2 response (`/v2/rest/query`): a JSON array of frames in the
 * `results_v2_newlines_between_frames` layout (`[{...}\n,{...}\n]`), streamed as it is produced.
 * Frame field order follows the recordings in fixtures/recorded/kusto-v2.
 */
import type { ColumnSchema, WireValue } from './kql-engine-api.ts';
import type { OneApiError } from './one-api-errors.ts';
import type { ResponseSink } from './response-sink.ts';
import { RowCursor, writeRows } from './result-streaming.ts';
import type { RowStreamControl, StopReason } from './result-streaming.ts';

export type ErrorPlacement = 'InData' | 'EndOfTable' | 'EndOfDataSet';

export interface V2Layout {
  progressive: boolean;
  fragmented: boolean;
  placement: ErrorPlacement;
  /** Rows per TableFragment when the primary tables are sent in pieces. */
  fragmentRows: number;
}

export interface PrimaryTableOutcome {
  rowCount: number;
  stop: StopReason;
}

export function columnsJson(columns: readonly ColumnSchema[]): string {
  return JSON.stringify(columns.map((c) => ({ ColumnName: c.name, ColumnType: c.type })));
}

export class V2FrameWriter {
  private frames = 0;

  constructor(private readonly sink: ResponseSink) {}

  private async open(): Promise<void> {
    await this.sink.write(this.frames === 0 ? '[' : '\n,');
    this.frames++;
  }

  async frame(frame: Record<string, unknown>): Promise<void> {
    await this.open();
    await this.sink.write(JSON.stringify(frame));
  }

  async header(layout: V2Layout): Promise<void> {
    await this.frame({
      FrameType: 'DataSetHeader',
      IsProgressive: layout.progressive,
      Version: 'v2.0',
      IsFragmented: layout.fragmented || layout.progressive,
      ErrorReportingPlacement: layout.placement,
    });
  }

  /** A small table in one DataTable frame. */
  async dataTable(
    tableId: number,
    kind: string,
    name: string,
    columns: readonly ColumnSchema[],
    rows: WireValue[][],
  ) {
    await this.frame({
      FrameType: 'DataTable',
      TableId: tableId,
      TableKind: kind,
      TableName: name,
      Columns: columns.map((c) => ({ ColumnName: c.name, ColumnType: c.type })),
      Rows: rows,
    });
  }

  /** A primary result, whole (DataTable) or in pieces (TableHeader/TableFragment/TableCompletion). */
  /** `partialError`: the in-band error for a limit hit or an engine failure mid-table. */
  async primaryTable(
    tableId: number,
    table: { name: string; columns: readonly ColumnSchema[] },
    cursor: RowCursor,
    layout: V2Layout,
    control: RowStreamControl,
    partialError: () => OneApiError,
  ): Promise<PrimaryTableOutcome> {
    const headerFields = `"TableId":${tableId},"TableKind":"PrimaryResult","TableName":${JSON.stringify(table.name)},"Columns":${columnsJson(table.columns)}`;
    const inDataError = (): string => `{"OneApiErrors":[${JSON.stringify(partialError())}]}`;

    if (!layout.progressive && !layout.fragmented) {
      await this.open();
      await this.sink.write(`{"FrameType":"DataTable",${headerFields},"Rows":[`);
      const { written, stop } = await writeRows(cursor, Infinity, false, control);
      if (stop === 'abort') return { rowCount: written, stop };
      if ((stop === 'limit' || stop === 'error') && layout.placement === 'InData')
        await this.sink.write((written > 0 ? ',' : '') + inDataError());
      await this.sink.write(']}');
      return { rowCount: written, stop };
    }

    await this.open();
    await this.sink.write(`{"FrameType":"TableHeader",${headerFields}}`);
    let rowCount = 0;
    let stop: StopReason = null;
    // Progress needs the total, so a progressive table is computed whole first; a fragmented one
    // streams fragment by fragment.
    const all = layout.progressive ? cursor.rest() : null;
    const rows = all ? RowCursor.of(all) : cursor;
    if (all && cursor.failure !== undefined) stop = 'error';
    const total = all ? all.length : Infinity;
    for (let from = 0; !stop; from += layout.fragmentRows) {
      if (!rows.hasMore()) {
        if (rows.failure !== undefined) stop = 'error';
        break;
      }
      const to = Math.min(total, from + layout.fragmentRows);
      await this.open();
      await this.sink.write(
        `{"FrameType":"TableFragment","TableFragmentType":"DataAppend","TableId":${tableId},"Rows":[`,
      );
      const result = await writeRows(rows, to - from, false, control);
      rowCount += result.written;
      stop = result.stop;
      if (stop === 'abort') return { rowCount, stop };
      if ((stop === 'limit' || stop === 'error') && layout.placement === 'InData') {
        await this.sink.write((result.written > 0 ? ',' : '') + inDataError());
      }
      await this.sink.write(']}');
      if (layout.progressive && !stop) {
        await this.frame({
          FrameType: 'TableProgress',
          TableId: tableId,
          TableProgress: (to / total) * 100,
        });
      }
    }
    if (total === 0 && layout.progressive) {
      await this.frame({ FrameType: 'TableProgress', TableId: tableId, TableProgress: 100 });
    }
    await this.frame({
      FrameType: 'TableCompletion',
      TableId: tableId,
      RowCount: rowCount,
      ...((stop === 'limit' || stop === 'error') && layout.placement === 'EndOfTable'
        ? { OneApiErrors: [partialError()] }
        : {}),
    });
    return { rowCount, stop };
  }

  async completion(fields: {
    hasErrors: boolean;
    cancelled: boolean;
    errors: OneApiError[];
  }): Promise<void> {
    await this.frame({
      FrameType: 'DataSetCompletion',
      HasErrors: fields.hasErrors,
      Cancelled: fields.cancelled,
      ...(fields.errors.length > 0 ? { OneApiErrors: fields.errors } : {}),
    });
    await this.sink.write('\n]');
  }
}
