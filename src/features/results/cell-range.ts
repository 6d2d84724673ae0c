/**
 * A rectangular block of grid cells, Excel-style: the anchor is where the selection started, the
 * focus where it ends (the focused cell). Columns are positions in the displayed order, so a
 * range follows the columns as the user sees them (reordered, pinned). AG Grid Community has no
 * range selection of its own.
 */
export interface CellPosition {
  row: number;
  col: number;
}

export interface CellRange {
  anchor: CellPosition;
  focus: CellPosition;
}

export interface RangeBounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The range after focusing `position`: extended from the anchor when `extend` (Shift held). */
export function moveRange(
  range: CellRange | null,
  position: CellPosition,
  extend: boolean,
): CellRange {
  if (extend && range) return { anchor: range.anchor, focus: position };
  return { anchor: position, focus: position };
}

export function rangeBounds({ anchor, focus }: CellRange): RangeBounds {
  return {
    top: Math.min(anchor.row, focus.row),
    bottom: Math.max(anchor.row, focus.row),
    left: Math.min(anchor.col, focus.col),
    right: Math.max(anchor.col, focus.col),
  };
}

export function rangeContains(range: CellRange, row: number, col: number): boolean {
  const b = rangeBounds(range);
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

/** Rows and columns covered. */
export function rangeSize(range: CellRange): { rows: number; cols: number } {
  const b = rangeBounds(range);
  return { rows: b.bottom - b.top + 1, cols: b.right - b.left + 1 };
}

export function isSingleCell(range: CellRange): boolean {
  const { rows, cols } = rangeSize(range);
  return rows === 1 && cols === 1;
}
