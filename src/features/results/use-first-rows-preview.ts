import { useCallback, useEffect, useState } from 'react';
import type { RowBlockRow } from '../../lib/result-model';

/** AG Grid waits at most this long for the table's first rows before it is created anyway. */
const PREVIEW_WAIT_MS = 150;
/** The preview never outstays this: a grid that has not drawn rows by then shows as it is. */
const PREVIEW_MAX_MS = 5000;

export interface FirstRowsPreviewState {
  /** The rows to draw, or null: none (yet), or the grid shows its own. */
  rows: readonly RowBlockRow[] | null;
  /**
   * Whether the grid may be created: the preview has its rows (so it paints in the frame before
   * AG Grid's creation task, not after it), or will have none.
   */
  settled: boolean;
  /** For AG Grid's onFirstDataRendered: the grid shows its rows, the preview goes. */
  gridShowsRows: () => void;
}

/**
 * The first rows' preview of a grid: the table's head (sent with each summary while rows stream
 * in, so no request is made), shown until AG Grid reports its first rows rendered. Only for a
 * grid that mounts shown, unsorted, unfiltered and without a search, where AG Grid's first rows
 * are the head; `head` undefined: no preview (the source sends none).
 */
export function useFirstRowsPreview(
  head: readonly RowBlockRow[] | undefined,
  quickText: string,
  hidden: boolean,
): FirstRowsPreviewState {
  const [mountedWith] = useState({ quickText, hidden, withHead: head !== undefined });
  const wanted = mountedWith.withHead && mountedWith.quickText === '' && !mountedWith.hidden;
  // The first rows may be a moment behind the columns the grid mounted with; not for long.
  const [waited, setWaited] = useState(!wanted);
  // Once over (the grid drew its rows, or the time ran out), the preview stays gone.
  const [over, setOver] = useState(false);

  useEffect(() => {
    if (!wanted) return;
    const wait = window.setTimeout(() => setWaited(true), PREVIEW_WAIT_MS);
    const limit = window.setTimeout(() => setOver(true), PREVIEW_MAX_MS);
    return () => {
      window.clearTimeout(wait);
      window.clearTimeout(limit);
    };
  }, [wanted]);

  const gridShowsRows = useCallback(() => setOver(true), []);
  const rows = wanted && head && head.length > 0 ? head : null;
  return {
    rows: over || hidden ? null : rows,
    settled: waited || rows !== null,
    gridShowsRows,
  };
}
