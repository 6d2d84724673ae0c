import { isNumericType, type ResultColumn } from '../../lib/result-model';

/**
 * How a result column shows in the grid, shared by AG Grid's column definitions and the first
 * rows' preview (which must line up with the grid exactly, see first-rows-preview.tsx).
 */

/** Starting width in pixels: text and dynamic columns get room, numbers less. */
export function resultColumnWidth(column: ResultColumn): number {
  if (column.type === 'string' || column.type === 'dynamic') return 220;
  if (column.type === 'datetime') return 240;
  return 130;
}

/**
 * The cell classes. Numbers are right-aligned: AG Grid's `rightAligned` column type does that
 * through its own cellClass, which a column's cellClass replaces, so it is named here too.
 */
export function resultCellClasses(column: ResultColumn): string[] {
  if (isNumericType(column.type)) return ['cell--number', 'ag-right-aligned-cell'];
  if (column.type === 'dynamic') return ['cell--dynamic'];
  return [];
}

/** A cell's text as the grid shows it: datetimes in the browser's zone when asked. */
export function displayCellText(
  column: ResultColumn,
  text: string | null,
  localTime: boolean,
): string {
  if (text === null) return '';
  return localTime && column.type === 'datetime' ? formatLocalDatetime(text) : text;
}

/** A UTC ISO datetime shown in the browser's zone, e.g. "2007-09-29 10:11:00.000 GMT+2". */
export function formatLocalDatetime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const zone = `GMT${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)} ${zone}`;
}
