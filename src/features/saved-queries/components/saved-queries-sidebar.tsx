import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { SidePanelNotice } from '../../side-panel/side-panel-notice';
import { downloadBlob } from '../../../lib/export';
import { groupByFolder, type SavedQuery, type StoreWarning } from '../../../lib/saved-query-store';
import type { TimeRange } from '../../../lib/query/time-range';
import type { QueryTarget } from '../../../lib/sources/query-target';
import { useSavedQueries } from '../hooks/use-saved-queries';
import {
  visibleQueries,
  type SavedQueriesController,
  type SavedQueriesState,
} from '../saved-queries-controller';
import { SaveQueryDialog } from './save-query-dialog';
import { SavedQueryItem, type SavedQueryItemActions } from './saved-query-item';
// The shared side-panel frame first; this panel's own rules come after it.
import '../../side-panel/side-panel.css';
import './saved-queries.css';

export interface CurrentQuery {
  text: string;
  connection: QueryTarget;
  timeRange?: TimeRange;
}

export interface SavedQueriesSidebarProps {
  /** Storage key: "default" for the console; the embedded mode passes its own. */
  workspace: string;
  /** What "Save current query" and "Replace with current query" save. */
  current: CurrentQuery;
  /** Put the query in the editor (and select its connection). Never runs it. */
  onOpen: (query: SavedQuery) => void;
  /** Embedders can hide the file actions, Export and Import (f-ShowFileMenu=false). */
  showFileMenu?: boolean;
}

/** The Saved queries sidebar: wires the store (via useSavedQueries) to the view. */
export function SavedQueriesSidebar({
  workspace,
  current,
  onOpen,
  showFileMenu = true,
}: SavedQueriesSidebarProps) {
  const { state, controller } = useSavedQueries(workspace);
  return (
    <SavedQueriesSidebarView
      state={state}
      controller={controller}
      current={current}
      onOpen={(query) => {
        onOpen(query);
        void controller.markUsed(query.id);
      }}
      showFileMenu={showFileMenu}
    />
  );
}

type SidebarController = Pick<
  SavedQueriesController,
  | 'setSearch'
  | 'setSort'
  | 'save'
  | 'rename'
  | 'duplicate'
  | 'updateText'
  | 'remove'
  | 'undoDelete'
  | 'exportFile'
  | 'importFile'
  | 'backupFile'
  | 'retry'
  | 'dismissError'
  | 'dismissNotice'
  | 'dismissWarning'
>;

export interface SavedQueriesSidebarViewProps {
  state: SavedQueriesState;
  controller: SidebarController;
  current: CurrentQuery;
  onOpen: (query: SavedQuery) => void;
  showFileMenu?: boolean;
}

/** Presentation only: everything it shows comes from `state` (text nodes, never HTML). */
export function SavedQueriesSidebarView({
  state,
  controller,
  current,
  onOpen,
  showFileMenu = true,
}: SavedQueriesSidebarViewProps) {
  const headingId = useId();
  const searchId = useId();
  const fileInputRef = useRef<HTMLInputElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const [dialogOpen, setDialogOpen] = useState(false);

  const visible = useMemo(() => visibleQueries(state), [state]);
  const groups = useMemo(() => groupByFolder(visible), [visible]);
  const folders = useMemo(
    () => [...new Set(state.queries.flatMap((q) => (q.folder ? [q.folder] : [])))].sort(),
    [state.queries],
  );
  const ready = state.status === 'ready';
  const writable = ready && !state.readOnly;

  // After a delete the item is gone; keyboard focus goes to Undo rather than to the page.
  useEffect(() => {
    if (state.undo) undoRef.current?.focus();
  }, [state.undo]);

  const itemActions: SavedQueryItemActions = {
    onOpen,
    onRename: (query, name) => void controller.rename(query.id, name),
    onDuplicate: (query) => void controller.duplicate(query.id),
    onReplaceText: (query) => void controller.updateText(query.id, current.text),
    onDelete: (query) => void controller.remove(query.id),
  };

  async function exportAll() {
    const file = await controller.exportFile();
    if (file) downloadBlob(file, file.name);
  }

  async function downloadBackup(warning: StoreWarning) {
    if (!warning.backup) return;
    const file = await controller.backupFile(warning.backup);
    if (file) downloadBlob(file, file.name);
  }

  return (
    <aside className="side-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="side-panel__heading">
        Saved queries
      </h2>

      <div className="sq-sidebar__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!writable || !current.text.trim()}
          onClick={() => setDialogOpen(true)}
        >
          Save current query
        </button>
        {showFileMenu && (
          <>
            <button
              type="button"
              className="button"
              disabled={!ready}
              onClick={() => void exportAll()}
            >
              Export
            </button>
            <button
              type="button"
              className="button"
              disabled={!writable}
              onClick={() => fileInputRef.current?.click()}
            >
              Import
            </button>
            <input
              ref={fileInputRef}
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void controller.importFile(file);
              }}
            />
          </>
        )}
      </div>

      {state.warnings.map((warning, index) => (
        <div key={index} className="side-panel__notice side-panel__notice--warning" role="alert">
          <p>{warning.message}</p>
          <div className="sq-notice__buttons">
            {warning.backup && (
              <button type="button" className="button" onClick={() => void downloadBackup(warning)}>
                Download backup
              </button>
            )}
            <button
              type="button"
              className="button"
              onClick={() => controller.dismissWarning(warning)}
            >
              Dismiss
            </button>
          </div>
        </div>
      ))}

      {state.error && (
        <SidePanelNotice tone="error" onDismiss={() => controller.dismissError()}>
          {state.error}
        </SidePanelNotice>
      )}

      <div role="status" className="sq-status">
        {state.notice && (
          <div className="side-panel__notice">
            <p>{state.notice}</p>
            <button type="button" className="button" onClick={() => controller.dismissNotice()}>
              OK
            </button>
          </div>
        )}
        {state.undo && (
          <div className="side-panel__notice sq-undo">
            <p>Deleted “{state.undo.name}”.</p>
            <button
              ref={undoRef}
              type="button"
              className="button"
              onClick={() => void controller.undoDelete()}
            >
              Undo
            </button>
          </div>
        )}
      </div>

      <div className="sq-sidebar__filters">
        <label className="visually-hidden" htmlFor={searchId}>
          Search saved queries
        </label>
        <input
          id={searchId}
          type="search"
          className="side-panel__search sq-search"
          placeholder="Search saved queries"
          value={state.search}
          onChange={(event) => controller.setSearch(event.target.value)}
        />
        <div className="sq-sort" role="group" aria-label="Sort saved queries by">
          <button
            type="button"
            aria-pressed={state.sort === 'name'}
            onClick={() => controller.setSort('name')}
          >
            Name
          </button>
          <button
            type="button"
            aria-pressed={state.sort === 'lastUsed'}
            onClick={() => controller.setSort('lastUsed')}
          >
            Last used
          </button>
        </div>
      </div>

      {state.status === 'loading' && <p className="side-panel__empty">Loading saved queries…</p>}
      {state.status === 'unavailable' && (
        <div className="side-panel__empty">
          <p>Saved queries are unavailable right now. Nothing was deleted.</p>
          <button type="button" className="button" onClick={() => void controller.retry()}>
            Retry
          </button>
        </div>
      )}
      {ready && state.queries.length === 0 && (
        <p className="side-panel__empty">
          No saved queries yet. Use “Save current query” to keep the query you are working on.
        </p>
      )}
      {ready && state.queries.length > 0 && visible.length === 0 && (
        <p className="side-panel__empty">No saved query matches “{state.search}”.</p>
      )}

      {groups.map((group) => (
        <section
          key={group.folder ?? ''}
          className="sq-group"
          aria-label={group.folder ?? 'Unfiled'}
        >
          {(groups.length > 1 || group.folder !== null) && (
            <h3 className="sq-group__heading">{group.folder ?? 'Unfiled'}</h3>
          )}
          <ul className="side-panel__list">
            {group.queries.map((query) => (
              <SavedQueryItem key={query.id} query={query} actions={itemActions} />
            ))}
          </ul>
        </section>
      ))}

      <SaveQueryDialog
        open={dialogOpen}
        defaultName={suggestName(current.text)}
        folders={folders}
        onClose={() => setDialogOpen(false)}
        onSave={(details) =>
          controller.save({
            name: details.name,
            folder: details.folder,
            tags: details.tags,
            text: current.text,
            connection: current.connection,
            timeRange: current.timeRange,
          })
        }
      />
    </aside>
  );
}

/** The first non-empty, non-comment line of the query, shortened: a starting point for a name. */
export function suggestName(text: string): string {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('//'));
  if (!line) return '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
