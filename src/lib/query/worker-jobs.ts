import { buildChartData } from '../chart-data/build-chart-data';
import type { ChartData, ChartProblem, ChartVisualization } from '../chart-data/chart-types';
import { toCsv } from '../export/csv-export';
import { rowsFromBlocks } from '../export/row-blocks';
import { XLSX_ROW_LIMIT, writeXlsx, type XlsxCell } from '../export/xlsx-writer';
import {
  BOOL_NULL,
  isNullAt,
  pivotTable,
  readCellText,
  type ColumnData,
  type FilterModel,
  type PivotModel,
  type PivotResult,
  type ResultTable,
} from '../result-model';
import type { QueryResultSession } from './query-result-session';

/**
 * Work over a whole result that the worker does, so the page never walks the rows: a pivot, an
 * Excel file, a CSV file, a chart's series. Each job names its table and, where it makes sense, the grid's
 * filters.
 */
export type WorkerJob =
  | {
      kind: 'pivot';
      tableId: number;
      filterModel?: FilterModel | null;
      quickText?: string | null;
      model: PivotModel;
    }
  | { kind: 'xlsx'; tableId: number; sheetName: string }
  /** The table in arrival order as a CSV file (see toCsv). */
  | { kind: 'csv'; tableId: number }
  /** The chart's series from the table's first `rowLimit` rows (see buildChartData). */
  | { kind: 'chart'; tableId: number; visualization: ChartVisualization; rowLimit: number };

export interface XlsxJobResult {
  blob: Blob;
  rowsWritten: number;
  truncated: boolean;
}

export type WorkerJobResult<J extends WorkerJob = WorkerJob> = J extends { kind: 'pivot' }
  ? PivotResult
  : J extends { kind: 'xlsx' }
    ? XlsxJobResult
    : J extends { kind: 'csv' }
      ? Blob
      : J extends { kind: 'chart' }
        ? ChartData | ChartProblem
        : never;

/** A job's result; the CSV file is written asynchronously (it yields between chunks). */
export function runWorkerJob(
  session: QueryResultSession,
  job: WorkerJob,
): WorkerJobResult | Promise<WorkerJobResult> {
  switch (job.kind) {
    case 'pivot': {
      const view = session.filteredRows(job.tableId, job.filterModel, job.quickText);
      if (!view) throw new Error(`This result has no table ${job.tableId}.`);
      return pivotTable(view.table, view.rows, job.model);
    }
    case 'xlsx': {
      const table = session.dataSet?.tables.find((t) => t.id === job.tableId);
      if (!table) throw new Error(`This result has no table ${job.tableId}.`);
      return xlsxOfTable(table, job.sheetName);
    }
    case 'csv': {
      const table = session.dataSet?.tables.find((t) => t.id === job.tableId);
      if (!table) throw new Error(`This result has no table ${job.tableId}.`);
      return csvOfTable(session, table);
    }
    case 'chart': {
      const table = session.dataSet?.tables.find((t) => t.id === job.tableId);
      if (!table) throw new Error(`This result has no table ${job.tableId}.`);
      // The same cells the page would read with getRows, shaped here so that neither the rows
      // nor the series building cross to the page's thread.
      const { rows } = session.getRows({
        tableId: job.tableId,
        start: 0,
        end: Math.min(table.rowCount, job.rowLimit),
      });
      return buildChartData(
        table.columns.map((c) => ({ name: c.name, type: c.type })),
        rows.map((row) => row.cells),
        job.visualization,
      );
    }
  }
}

/**
 * The table in arrival order as CSV, written where the rows are: the page only receives the
 * finished Blob (a handle to its bytes), so neither the rows nor the text cross its thread. The
 * cells are the grid's text (getRows), as the page's export wrote them.
 */
function csvOfTable(session: QueryResultSession, table: ResultTable): Promise<Blob> {
  const rows = rowsFromBlocks(
    (start, end) => session.getRows({ tableId: table.id, start, end }).rows.map((row) => row.cells),
    { total: table.rowCount },
  );
  return toCsv(
    table.columns.map((c) => ({ name: c.name, type: c.type })),
    rows,
  );
}

/** The table in arrival order as a typed workbook. */
export function xlsxOfTable(table: ResultTable, sheetName: string): XlsxJobResult {
  const readers = table.data.map(typedReader);
  const count = Math.min(table.rowCount, XLSX_ROW_LIMIT + 1);
  function* rows(): Generator<XlsxCell[]> {
    const cells = new Array<XlsxCell>(readers.length);
    for (let row = 0; row < count; row++) {
      for (let c = 0; c < readers.length; c++)
        cells[c] = (readers[c] as (r: number) => XlsxCell)(row);
      yield cells;
    }
  }
  return writeXlsx(
    table.columns.map((c) => ({
      name: c.name,
      width: c.type === 'datetime' ? 24 : c.type === 'string' || c.type === 'dynamic' ? 28 : 14,
    })),
    rows(),
    { sheetName },
  );
}

/** Each column type's spreadsheet cell: numbers, booleans, datetimes typed; the rest as text. */
function typedReader(column: ColumnData): (row: number) => XlsxCell {
  switch (column.type) {
    case 'bool': {
      const values = column.values;
      return (row) => (values[row] === BOOL_NULL ? null : values[row] === 1);
    }
    case 'int':
    case 'real': {
      const values = column.values;
      return (row) => (isNullAt(column, row) ? null : (values[row] as number));
    }
    case 'long': {
      const values = column.values;
      // Beyond 2^53 a spreadsheet number would round: keep the exact digits as text.
      return (row) => {
        if (isNullAt(column, row)) return null;
        const exact = column.exact?.get(row);
        return exact !== undefined ? exact.toString() : (values[row] as number);
      };
    }
    case 'decimal': {
      const values = column.values;
      return (row) => {
        const text = values.get(row);
        if (text === null || text === undefined) return null;
        const n = Number(text);
        return Number.isFinite(n) && String(n) === text ? n : text;
      };
    }
    case 'datetime': {
      const ms = column.epochMs;
      return (row) => {
        if (isNullAt(column, row)) return null;
        const unparsed = column.unparsed?.get(row);
        return unparsed !== undefined ? unparsed : { epochMs: ms[row] as number };
      };
    }
    default:
      return (row) => readCellText(column, row);
  }
}
