import type { GridApi } from 'ag-grid-community';
import { useEffect, type RefObject } from 'react';
import { findCellElement, keepCellFocus } from './grid-focus-keeper';

/**
 * Keeps the keyboard focus on the grid's focused cell when AG Grid redraws its row (rows
 * reloading after a search, filter, sort or a group opened): see grid-focus-keeper.
 */
export function useCellFocusKeeper<Row>(
  regionRef: RefObject<HTMLElement | null>,
  apiRef: RefObject<GridApi<Row> | null>,
): void {
  useEffect(() => {
    const region = regionRef.current;
    if (!region) return;
    return keepCellFocus(region, () => {
      const focused = apiRef.current?.getFocusedCell();
      return focused ? findCellElement(region, focused.rowIndex, focused.column.getColId()) : null;
    });
  }, [regionRef, apiRef]);
}
