/**
 * AG Grid replaces a row's element when the row's data arrives (a loading row becomes a row) and
 * when its row cache is reset (search, filter, sort). If the keyboard focus was on a cell of that
 * row it drops to the page's body, and the next arrow keys go nowhere. AG Grid puts the focus back
 * only if the new cell appears within 100 ms; at a million rows the worker answers later than that.
 * This gives the focus back to the grid's focused cell once its element exists, unless the user
 * has moved on (focused something else, or left the cell where it still is) or 3 s have passed.
 */

import { escapeHtml } from '../../lib/export/report-format';

/** What the keeper needs of the page; the browser's by default (tests pass their own). */
export interface FocusKeeperPage {
  /** The focused element; null or `body` when nothing has the focus. */
  activeElement(): unknown;
  body: unknown;
  nextFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
  now(): number;
}

interface Focusable {
  focus(options?: FocusOptions): void;
}

interface FocusOutEventLike {
  target: unknown;
  relatedTarget: unknown;
}

interface FocusContainer {
  addEventListener(
    type: 'focusout',
    listener: (event: FocusOutEventLike) => void,
    capture: boolean,
  ): void;
  removeEventListener(
    type: 'focusout',
    listener: (event: FocusOutEventLike) => void,
    capture: boolean,
  ): void;
}

export const FOCUS_RECOVERY_MS = 3000;

const browserPage = (): FocusKeeperPage => ({
  activeElement: () => document.activeElement,
  body: document.body,
  nextFrame: (callback) => requestAnimationFrame(callback),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
  now: () => performance.now(),
});

/**
 * Watches `container` (the grid's element) and, when a focused cell's element is removed, focuses
 * `focusedCell()` (the element of the cell the grid holds as focused, or null while it is not
 * drawn) as soon as it exists. Returns the function that stops watching.
 */
export function keepCellFocus(
  container: FocusContainer,
  focusedCell: () => Focusable | null,
  page: FocusKeeperPage = browserPage(),
): () => void {
  let pending: number | null = null;
  const onFocusOut = (event: FocusOutEventLike) => {
    // Focus that moves to another element was moved on purpose.
    if (event.relatedTarget !== null || !isCell(event.target)) return;
    const lost = event.target;
    const deadline = page.now() + FOCUS_RECOVERY_MS;
    const check = () => {
      pending = null;
      // The focus event comes before the removal: a cell still in the page was left on purpose
      // (a click on the page's background).
      if (lost.isConnected) return;
      const active = page.activeElement();
      if (active !== null && active !== page.body) return;
      const cell = focusedCell();
      if (cell) cell.focus({ preventScroll: true });
      else if (page.now() < deadline) pending = page.nextFrame(check);
    };
    if (pending !== null) page.cancelFrame(pending);
    pending = page.nextFrame(check);
  };
  container.addEventListener('focusout', onFocusOut, true);
  return () => {
    container.removeEventListener('focusout', onFocusOut, true);
    if (pending !== null) page.cancelFrame(pending);
  };
}

interface CellLike {
  isConnected: boolean;
  closest(selector: string): unknown;
}

function isCell(target: unknown): target is CellLike {
  return (
    typeof target === 'object' &&
    target !== null &&
    'closest' in target &&
    typeof target.closest === 'function' &&
    (target as CellLike).closest('[role="gridcell"]') !== null
  );
}

/** The element of the cell at `rowIndex` and `colId` in the grid's `root`, if it is drawn. */
export function findCellElement(
  root: ParentNode,
  rowIndex: number,
  colId: string,
): HTMLElement | null {
  // AG Grid writes a column's id into `col-id` HTML-escaped.
  const wanted = new Set([colId, escapeHtml(colId)]);
  for (const cell of root.querySelectorAll<HTMLElement>(
    `[row-index="${rowIndex}"] [role="gridcell"][col-id]`,
  ))
    if (wanted.has(cell.getAttribute('col-id') ?? '')) return cell;
  return null;
}
