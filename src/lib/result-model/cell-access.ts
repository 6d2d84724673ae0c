import { BOOL_NULL, isNullAt, type ColumnData } from './column-data';
import { formatKustoDateTime, type KustoDateTime } from './kusto-datetime';
import { formatDynamic, formatReal, type CellValue, type JsonValue } from './format-cell';
import type { ResultTable } from './result-types';

function columnAt(table: ResultTable, col: number): ColumnData {
  const column = table.data[col];
  if (!column) throw new RangeError(`Table ${table.id} has no column ${col}.`);
  return column;
}

function checkRow(table: ResultTable, row: number): void {
  if (row < 0 || row >= table.rowCount || !Number.isInteger(row)) {
    throw new RangeError(`Row ${row} is outside table ${table.id} (0…${table.rowCount - 1}).`);
  }
}

export function isNullCell(table: ResultTable, row: number, col: number): boolean {
  checkRow(table, row);
  return isNullAt(columnAt(table, col), row);
}

/** The typed value of one cell (see CellValue for the mapping); Kusto null → null. */
export function getCell(table: ResultTable, row: number, col: number): CellValue {
  checkRow(table, row);
  return readCell(columnAt(table, col), row);
}

/** getCell without bounds checks, for loops that already know the row is valid. */
export function readCell(column: ColumnData, row: number): CellValue {
  switch (column.type) {
    case 'bool': {
      const v = column.values[row];
      return v === BOOL_NULL ? null : v === 1;
    }
    case 'int':
    case 'real':
      return isNullAt(column, row) ? null : (column.values[row] as number);
    case 'long':
      if (isNullAt(column, row)) return null;
      return column.exact?.get(row) ?? (column.values[row] as number);
    case 'datetime': {
      if (isNullAt(column, row)) return null;
      const unparsed = column.unparsed?.get(row);
      if (unparsed !== undefined) return unparsed;
      const sub = column.subMsTicks ? (column.subMsTicks[row] as number) : 0;
      const value: KustoDateTime = {
        epochMs: column.epochMs[row] as number,
        subMsTicks: sub === 0 ? null : sub - 1,
      };
      return value;
    }
    case 'dynamic':
      return (column.values.get(row) ?? null) as JsonValue;
    default:
      return column.values.get(row) ?? null;
  }
}

/** Display text of one cell, or null for a Kusto null. Same text as formatCell(getCell(…)). */
export function readCellText(column: ColumnData, row: number): string | null {
  switch (column.type) {
    case 'bool': {
      const v = column.values[row];
      return v === BOOL_NULL ? null : v === 1 ? 'true' : 'false';
    }
    case 'int':
      return isNullAt(column, row) ? null : String(column.values[row]);
    case 'real':
      return isNullAt(column, row) ? null : formatReal(column.values[row] as number);
    case 'long': {
      if (isNullAt(column, row)) return null;
      const exact = column.exact?.get(row);
      return exact !== undefined ? exact.toString() : String(column.values[row]);
    }
    case 'datetime': {
      if (isNullAt(column, row)) return null;
      const unparsed = column.unparsed?.get(row);
      if (unparsed !== undefined) return unparsed;
      const sub = column.subMsTicks ? (column.subMsTicks[row] as number) : 0;
      return formatKustoDateTime(column.epochMs[row] as number, sub === 0 ? null : sub - 1);
    }
    case 'dynamic': {
      const v = column.values.get(row);
      return v === null || v === undefined ? null : formatDynamic(v);
    }
    default:
      return column.values.get(row) ?? null;
  }
}

export function getCellText(table: ResultTable, row: number, col: number): string | null {
  checkRow(table, row);
  return readCellText(columnAt(table, col), row);
}
