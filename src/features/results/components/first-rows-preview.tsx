import { isNumericType, type ResultColumn, type RowBlockRow } from '../../../lib/result-model';
import { displayCellText, resultCellClasses, resultColumnWidth } from '../result-column-display';
import './first-rows-preview.css';

/** AG Grid's quartz sizes with the console's theme (grouping/grid-theme.ts). */
const HEADER_HEIGHT = 37;
const ROW_HEIGHT = 32;

/**
 * A result's first rows as plain text, laid out like the grid's first screen (same column
 * widths, row height, padding and colours), shown while AG Grid builds itself. AG Grid takes
 * 100–200 ms from the first response byte to its first row; this costs a few milliseconds, so
 * the first rows show as soon as the worker has parsed them. The grid, drawn underneath, replaces
 * it once it has rendered its own first rows. It is a picture: hidden from assistive technology
 * (the grid is the accessible table), inert, and clicks go through to the grid. Cells are text
 * nodes, never HTML.
 */
export function FirstRowsPreview({
  columns: allColumns,
  rows: allRows,
  localTime,
  size,
}: {
  columns: readonly ResultColumn[];
  rows: readonly RowBlockRow[];
  localTime: boolean;
  /** The most the area can cover (the window: measuring the area would force a layout). */
  size: { width: number; height: number };
}) {
  const columns = columnsWithin(allColumns, size.width);
  const rows = allRows.slice(0, Math.max(1, Math.ceil((size.height - HEADER_HEIGHT) / ROW_HEIGHT)));
  const widths = columns.map(resultColumnWidth);
  const classes = columns.map((column) =>
    ['first-rows-preview__cell', ...resultCellClasses(column)].join(' '),
  );
  return (
    <div className="first-rows-preview" aria-hidden="true" inert>
      <div className="first-rows-preview__header">
        {columns.map((column, c) => (
          <div
            key={column.name}
            className={
              isNumericType(column.type)
                ? 'first-rows-preview__heading first-rows-preview__heading--right'
                : 'first-rows-preview__heading'
            }
            style={{ width: widths[c] }}
          >
            <span className="first-rows-preview__heading-text">{column.name}</span>
            <span className="first-rows-preview__filter-icon" />
          </div>
        ))}
      </div>
      {rows.map((row) => (
        <div key={row.row} className="first-rows-preview__row">
          {columns.map((column, c) => (
            <div key={column.name} className={classes[c]} style={{ width: widths[c] }}>
              {displayCellText(column, row.cells[c] ?? null, localTime)}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

/** The leading columns (so a cell's index is its column's) that start inside `width` pixels. */
function columnsWithin(columns: readonly ResultColumn[], width: number): ResultColumn[] {
  const shown: ResultColumn[] = [];
  let left = 0;
  for (const column of columns) {
    if (shown.length > 0 && left >= width) break;
    shown.push(column);
    left += resultColumnWidth(column);
  }
  return shown;
}
