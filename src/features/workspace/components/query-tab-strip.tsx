import { useState } from 'react';
import type { DraftTab } from '../../../lib/storage/workspace-draft-store';
import { MAX_TAB_TITLE } from '../query-tab-list';
import './query-tab-strip.css';

interface QueryTabStripProps {
  tabs: readonly DraftTab[];
  activeId: string;
  onSelect: (id: string) => void;
  onClose: (id: string) => void;
  onRename: (id: string, title: string) => void;
}

/**
 * The query tabs: click (or arrows, Home, End) to switch, double-click (or F2 on a focused tab)
 * to rename in place, × to close. Renaming: Enter or leaving the field keeps the name, Esc cancels.
 */
export function QueryTabStrip({ tabs, activeId, onSelect, onClose, onRename }: QueryTabStripProps) {
  const [renaming, setRenaming] = useState<string | null>(null);

  return (
    <div role="tablist" aria-label="Query tabs" className="query-tabs__list">
      {tabs.map((tab) => (
        <div
          key={tab.id}
          className="query-tabs__tab"
          data-active={tab.id === activeId || undefined}
        >
          {renaming === tab.id ? (
            <RenameField
              title={tab.title}
              onDone={(title) => {
                setRenaming(null);
                if (title !== null) onRename(tab.id, title);
                // Back to the tab, so keyboard users keep their place.
                requestAnimationFrame(() => document.getElementById(`${tab.id}-tab`)?.focus());
              }}
            />
          ) : (
            <button
              type="button"
              role="tab"
              id={`${tab.id}-tab`}
              aria-selected={tab.id === activeId}
              aria-controls={`${tab.id}-panel`}
              // One tab stop for the strip; arrows move between tabs (the ARIA tabs pattern).
              tabIndex={tab.id === activeId ? 0 : -1}
              title="Double-click or F2 to rename"
              onClick={() => onSelect(tab.id)}
              onDoubleClick={() => setRenaming(tab.id)}
              onKeyDown={(event) => {
                if (event.key === 'F2') {
                  event.preventDefault();
                  setRenaming(tab.id);
                  return;
                }
                const target = neighbour(tabs, tab.id, event.key);
                if (!target) return;
                event.preventDefault();
                onSelect(target);
                document.getElementById(`${target}-tab`)?.focus();
              }}
            >
              {tab.title}
            </button>
          )}
          {tabs.length > 1 && (
            <button
              type="button"
              className="query-tabs__close"
              aria-label={`Close ${tab.title}`}
              onClick={() => onClose(tab.id)}
            >
              ×
            </button>
          )}
        </div>
      ))}
    </div>
  );
}

/** The tab an arrow, Home or End key moves to (wrapping around), or null for other keys. */
function neighbour(tabs: readonly DraftTab[], id: string, key: string): string | null {
  const index = tabs.findIndex((tab) => tab.id === id);
  const last = tabs.length - 1;
  const to =
    key === 'ArrowRight'
      ? (index + 1) % tabs.length
      : key === 'ArrowLeft'
        ? (index - 1 + tabs.length) % tabs.length
        : key === 'Home'
          ? 0
          : key === 'End'
            ? last
            : null;
  return to === null || to === index ? null : tabs[to]!.id;
}

function RenameField({ title, onDone }: { title: string; onDone: (title: string | null) => void }) {
  const [value, setValue] = useState(title);
  // Enter and Esc end the edit before the blur that follows; the blur must not end it again.
  const [ended, setEnded] = useState(false);
  const end = (result: string | null) => {
    if (ended) return;
    setEnded(true);
    onDone(result);
  };
  return (
    <input
      className="query-tabs__rename"
      aria-label="Tab name"
      value={value}
      maxLength={MAX_TAB_TITLE}
      size={Math.max(8, value.length)}
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') end(value);
        else if (event.key === 'Escape') end(null);
      }}
      onBlur={() => end(value)}
    />
  );
}
