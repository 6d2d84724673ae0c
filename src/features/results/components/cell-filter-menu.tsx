import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FilterTarget } from '../../../lib/kql-text/filter-clause';
import { whereClause } from '../../../lib/kql-text/filter-clause';
import { describePath, type DynamicField } from '../cell-filter-targets';
import './cell-filter-menu.css';

/** What the user asked of a cell or block: filter to it or exclude it, and run or not. */
export interface FilterRequest {
  targets: FilterTarget[];
  exclude: boolean;
  run: boolean;
}

const RUN_PREFERENCE_KEY = 'quarry.addFilter.run';

/** Whether adding a filter also runs the query (the menu's checkbox; Ctrl+Shift+Space obeys it). */
export function readRunAfterFilter(): boolean {
  try {
    return localStorage.getItem(RUN_PREFERENCE_KEY) === '1';
  } catch {
    return false;
  }
}

function writeRunAfterFilter(run: boolean): void {
  try {
    localStorage.setItem(RUN_PREFERENCE_KEY, run ? '1' : '0');
  } catch {
    // A preference that cannot be kept only lasts until the menu closes.
  }
}

interface CellFilterMenuProps {
  /** Where to open, in viewport pixels (the pointer, or the focused cell's corner). */
  x: number;
  y: number;
  targets: FilterTarget[];
  /** One dynamic cell: its fields, each offered as a filter of its own. */
  dynamic: { column: string; fields: DynamicField[] } | null;
  onChoose(request: FilterRequest): void;
  onClose(): void;
}

function preview(targets: FilterTarget[], exclude: boolean): string | null {
  try {
    return whereClause(targets, exclude);
  } catch {
    return null;
  }
}

/**
 * The grid's cell menu (AG Grid Community has none): "Filter to this value" / "Exclude this
 * value" for the cell or block, the fields of a dynamic cell, and whether to run afterwards.
 * Values show as text only. Arrow keys move between items, Esc closes.
 */
export function CellFilterMenu({ x, y, targets, dynamic, onChoose, onClose }: CellFilterMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const [run, setRun] = useState(readRunAfterFilter);
  const [position, setPosition] = useState({ left: x, top: y });
  const several = targets.some((t) => new Set(t.values).size > 1) || targets.length > 1;
  const noun = several ? 'these values' : 'this value';

  // Keep the menu inside the window, then focus its first item.
  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const box = menu.getBoundingClientRect();
    setPosition({
      left: Math.max(4, Math.min(x, window.innerWidth - box.width - 4)),
      top: Math.max(4, Math.min(y, window.innerHeight - box.height - 4)),
    });
    menu.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
  }, [x, y]);

  useEffect(() => {
    const away = (event: MouseEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away, true);
    window.addEventListener('blur', onClose);
    return () => {
      window.removeEventListener('mousedown', away, true);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  const choose = (chosen: FilterTarget[], exclude: boolean) => {
    onChoose({ targets: chosen, exclude, run });
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = Array.from(
      menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [],
    );
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Tab') {
      // A menu is one stop: Tab leaves it.
      onClose();
    }
  };

  const include = preview(targets, false);
  return (
    <div
      ref={menuRef}
      className="cell-filter-menu"
      role="menu"
      aria-label="Cell actions"
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {include && (
        <p className="cell-filter-menu__preview" title={include}>
          {include}
        </p>
      )}
      <button
        type="button"
        role="menuitem"
        aria-keyshortcuts="Control+Shift+Space"
        disabled={!include}
        onClick={() => choose(targets, false)}
      >
        Filter to {noun}
        <kbd>Ctrl+Shift+Space</kbd>
      </button>
      <button
        type="button"
        role="menuitem"
        disabled={!include}
        onClick={() => choose(targets, true)}
      >
        Exclude {noun}
      </button>
      {dynamic && dynamic.fields.length > 0 && (
        <div role="group" aria-label={`Fields of ${dynamic.column}`}>
          <p className="cell-filter-menu__heading">Filter on a field of {dynamic.column}</p>
          <div className="cell-filter-menu__fields">
            {dynamic.fields.map((field) => {
              const target: FilterTarget = {
                column: dynamic.column,
                type: 'dynamic',
                path: field.path,
                values: [field.text],
              };
              const label = `${describePath(field.path)} = ${field.text === null ? 'null' : JSON.stringify(field.text)}`;
              return (
                <div key={describePath(field.path)} className="cell-filter-menu__field">
                  <span className="cell-filter-menu__field-label" title={label}>
                    {label}
                  </span>
                  <button
                    type="button"
                    role="menuitem"
                    aria-label={`Filter to ${label}`}
                    onClick={() => choose([target], false)}
                  >
                    Filter
                  </button>
                  <button
                    type="button"
                    role="menuitem"
                    aria-label={`Exclude ${label}`}
                    onClick={() => choose([target], true)}
                  >
                    Exclude
                  </button>
                </div>
              );
            })}
          </div>
        </div>
      )}
      <label className="cell-filter-menu__run">
        <input
          type="checkbox"
          role="menuitemcheckbox"
          aria-checked={run}
          checked={run}
          onChange={(event) => {
            setRun(event.target.checked);
            writeRunAfterFilter(event.target.checked);
          }}
        />
        Run the query after adding the filter
      </label>
    </div>
  );
}
