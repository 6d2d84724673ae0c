import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { describeConnection, type SavedQuery } from '../../../lib/saved-query-store';

export interface SavedQueryItemActions {
  onOpen: (query: SavedQuery) => void;
  onRename: (query: SavedQuery, name: string) => void;
  onDuplicate: (query: SavedQuery) => void;
  onReplaceText: (query: SavedQuery) => void;
  onDelete: (query: SavedQuery) => void;
}

/**
 * One saved query: a button that opens it, and an actions disclosure (Open, Rename, Duplicate,
 * Replace with current query, Delete). Escape closes the actions and returns focus to their
 * button.
 */
export function SavedQueryItem({
  query,
  actions,
}: {
  query: SavedQuery;
  actions: SavedQueryItemActions;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const menuId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLLIElement>(null);

  function closeMenu(returnFocus: boolean) {
    setMenuOpen(false);
    if (returnFocus) toggleRef.current?.focus();
  }

  function choose(action: () => void) {
    setMenuOpen(false);
    action();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && menuOpen) {
      event.stopPropagation();
      closeMenu(true);
    }
  }

  return (
    <li
      ref={containerRef}
      className="side-panel__item sq-item"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (menuOpen && !containerRef.current?.contains(event.relatedTarget as Node | null)) {
          setMenuOpen(false);
        }
      }}
    >
      {renaming ? (
        <RenameForm
          query={query}
          onDone={(name) => {
            setRenaming(false);
            if (name !== null && name !== query.name) actions.onRename(query, name);
            toggleRef.current?.focus();
          }}
        />
      ) : (
        <button type="button" className="side-panel__open" onClick={() => actions.onOpen(query)}>
          <span className="sq-item__name">{query.name}</span>
          <span className="sq-item__meta">
            {describeConnection(query.connection)}
            {query.tags.length > 0 && ` · ${query.tags.join(', ')}`}
          </span>
        </button>
      )}
      <button
        ref={toggleRef}
        type="button"
        className="sq-item__toggle"
        aria-label={`Actions for ${query.name}`}
        aria-expanded={menuOpen}
        aria-controls={menuId}
        onClick={() => setMenuOpen((open) => !open)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {menuOpen && (
        <div
          id={menuId}
          className="sq-item__menu"
          role="group"
          aria-label={`Actions for ${query.name}`}
        >
          <button type="button" onClick={() => choose(() => actions.onOpen(query))}>
            Open
          </button>
          <button type="button" onClick={() => choose(() => setRenaming(true))}>
            Rename
          </button>
          <button type="button" onClick={() => choose(() => actions.onDuplicate(query))}>
            Duplicate
          </button>
          <button type="button" onClick={() => choose(() => actions.onReplaceText(query))}>
            Replace with current query
          </button>
          <button
            type="button"
            className="sq-item__delete"
            onClick={() => choose(() => actions.onDelete(query))}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

function RenameForm({
  query,
  onDone,
}: {
  query: SavedQuery;
  onDone: (name: string | null) => void;
}) {
  const inputId = useId();
  const [name, setName] = useState(query.name);
  return (
    <form
      className="sq-rename"
      onSubmit={(event) => {
        event.preventDefault();
        onDone(name.trim() ? name : null);
      }}
    >
      <label className="visually-hidden" htmlFor={inputId}>
        New name for {query.name}
      </label>
      <input
        id={inputId}
        value={name}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onDone(null);
          }
        }}
      />
      <button type="submit" className="button">
        Save
      </button>
      <button type="button" className="button" onClick={() => onDone(null)}>
        Cancel
      </button>
    </form>
  );
}
