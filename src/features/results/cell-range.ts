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

/** Row spans (inclusive) whose painted cells differ between two ranges. */
export interface RowSpan {
  top: number;
  bottom: number;
}

/**
 * The rows to repaint when the selection moves from `before` to `next`: a single cell paints
 * nothing, and a block whose columns did not change only gains or loses rows at its ends. Lets
 * the grid refresh a few rows instead of every rendered cell at each Shift+arrow.
 */
export function rowsPaintChanged(before: CellRange | null, next: CellRange | null): RowSpan[] {
  const a = before && !isSingleCell(before) ? rangeBounds(before) : null;
  const b = next && !isSingleCell(next) ? rangeBounds(next) : null;
  if (!a && !b) return [];
  const overlap = a !== null && b !== null && a.top <= b.bottom && b.top <= a.bottom;
  if (!a || !b || !overlap || a.left !== b.left || a.right !== b.right) {
    return [a, b].filter((span): span is RangeBounds => span !== null);
  }
  if (a.top === b.top && a.bottom === b.bottom) return [];
  const spans: RowSpan[] = [];
  // Rows in one block and not the other, at the top end and at the bottom end.
  if (a.top !== b.top)
    spans.push({ top: Math.min(a.top, b.top), bottom: Math.max(a.top, b.top) - 1 });
  if (a.bottom !== b.bottom) {
    spans.push({ top: Math.min(a.bottom, b.bottom) + 1, bottom: Math.max(a.bottom, b.bottom) });
  }
  return spans;
}

export function inRowSpans(spans: readonly RowSpan[], row: number): boolean {
  return spans.some((span) => row >= span.top && row <= span.bottom);
}
