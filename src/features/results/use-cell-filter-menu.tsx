import type {
  CellContextMenuEvent,
  CellKeyDownEvent,
  Column,
  FullWidthCellKeyDownEvent,
  GridApi,
} from 'ag-grid-community';
import { useCallback, useState, type ReactNode } from 'react';
import type { ResultColumn, RowBlockRow } from '../../lib/result-model';
import { dynamicFields, targetsOfBlock } from './cell-filter-targets';
import {
  CellFilterMenu,
  readRunAfterFilter,
  type FilterRequest,
} from './components/cell-filter-menu';
import type { FilterTarget } from '../../lib/kql-text/filter-clause';
import type { useBlockSelection } from './use-block-selection';

interface Options {
  columns: readonly ResultColumn[];
  selection: Pick<ReturnType<typeof useBlockSelection>, 'readBlockAt'>;
  onFilter?: (request: FilterRequest) => void;
}

interface OpenMenu {
  x: number;
  y: number;
  targets: FilterTarget[];
  dynamic: { column: string; fields: ReturnType<typeof dynamicFields> } | null;
}

interface PickedCell {
  api: GridApi<RowBlockRow>;
  column: Column;
  rowIndex: number;
  value: string | null;
}

/**
 * The grid's "Add selection as a filter": a right-click (or the context-menu key, Shift+F10)
 * opens the cell menu; Ctrl+Shift+Space filters to the cell or block at once (with Alt:
 * excludes it), as in the ADX web UI. The block is used when the cell lies inside it.
 */
export function useCellFilterMenu({ columns, selection, onFilter }: Options) {
  const [open, setOpen] = useState<OpenMenu | null>(null);
  const close = useCallback(() => setOpen(null), []);

  const targetsOf = async (cell: PickedCell) => {
    const col = cell.api.getAllDisplayedColumns().indexOf(cell.column);
    const block = await selection.readBlockAt(cell.api, { row: cell.rowIndex, col });
    if (block) return { targets: targetsOfBlock(block.columns, block.rows), single: null };
    const column = columns.find((c) => c.name === cell.column.getColId());
    if (!column) return null;
    return {
      targets: [{ column: column.name, type: column.type, values: [cell.value] }],
      single: column,
    };
  };

  const openAt = (cell: PickedCell, x: number, y: number) => {
    void targetsOf(cell).then(
      (picked) => {
        if (!picked) return;
        const dynamic =
          picked.single?.type === 'dynamic'
            ? { column: picked.single.name, fields: dynamicFields(cell.value) }
            : null;
        setOpen({ x, y, targets: picked.targets, dynamic });
      },
      () => undefined,
    );
  };

  return {
    onCellContextMenu: (event: CellContextMenuEvent<RowBlockRow>) => {
      if (!onFilter || event.rowIndex == null) return;
      const mouse = event.event as MouseEvent | null | undefined;
      openAt(
        {
          api: event.api,
          column: event.column,
          rowIndex: event.rowIndex,
          value: (event.value as string | null) ?? null,
        },
        mouse?.clientX ?? 0,
        mouse?.clientY ?? 0,
      );
    },
    /** Handles the filter keys of a focused cell; true when the key was one of them. */
    onCellKey: (
      event: CellKeyDownEvent<RowBlockRow> | FullWidthCellKeyDownEvent<RowBlockRow>,
      key: KeyboardEvent,
    ): boolean => {
      if (!onFilter || !('column' in event) || event.rowIndex == null) return false;
      const cell: PickedCell = {
        api: event.api,
        column: event.column,
        rowIndex: event.rowIndex,
        value: (event.value as string | null) ?? null,
      };
      if ((key.ctrlKey || key.metaKey) && key.shiftKey && key.code === 'Space') {
        key.preventDefault();
        void targetsOf(cell).then(
          (picked) =>
            picked &&
            onFilter({ targets: picked.targets, exclude: key.altKey, run: readRunAfterFilter() }),
          () => undefined,
        );
        return true;
      }
      if (key.key === 'ContextMenu' || (key.shiftKey && key.key === 'F10')) {
        key.preventDefault();
        const box = (key.target as HTMLElement | null)?.getBoundingClientRect();
        openAt(cell, box ? box.left + 8 : 0, box ? box.bottom : 0);
        return true;
      }
      return false;
    },
    menu: (open && onFilter ? (
      <CellFilterMenu
        x={open.x}
        y={open.y}
        targets={open.targets}
        dynamic={open.dynamic}
        onChoose={onFilter}
        onClose={close}
      />
    ) : null) satisfies ReactNode,
  };
}
