import { useState } from 'react';
import type { DraftTab } from '../../../lib/storage/workspace-draft-store';
import { MAX_TAB_TITLE } from '../query-tab-list';

interface QueryTabStripProps {
  tabs: readonly DraftTab[];
  activeId: string;
  onSelect: (id: string) => void;
  onClose: (id: string) => void;
  onRename: (id: string, title: string) => void;
}

/**
 * The query tabs: click to switch, double-click (or F2 on a focused tab) to rename in place,
 * × to close. Renaming: Enter or leaving the field keeps the name, Esc cancels.
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
              title="Double-click or F2 to rename"
              onClick={() => onSelect(tab.id)}
              onDoubleClick={() => setRenaming(tab.id)}
              onKeyDown={(event) => {
                if (event.key === 'F2') {
                  event.preventDefault();
                  setRenaming(tab.id);
                }
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
