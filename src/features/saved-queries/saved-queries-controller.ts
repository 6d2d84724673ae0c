import {
  backupFile,
  filterAndSort,
  openSavedQueryStore,
  SavedQueryStoreError,
  type BackupLocation,
  type NewSavedQuery,
  type OpenedSavedQueryStore,
  type SavedQuery,
  type SavedQuerySort,
  type SavedQueryStore,
  type StoreWarning,
} from '../../lib/saved-query-store';
import { fileTimestamp } from '../../lib/export';
import { ObservableState } from '../../lib/observable/observable-state';

export interface SavedQueriesState {
  status: 'loading' | 'ready' | 'unavailable';
  /** Written by a newer Quarry: shown, not changed (Save, Import and edits are refused). */
  readOnly: boolean;
  /** Every saved query (sorted by name); the view filters and sorts with `visibleQueries`. */
  queries: readonly SavedQuery[];
  search: string;
  sort: SavedQuerySort;
  /** From opening the store: damaged storage set aside, invalid records. */
  warnings: readonly StoreWarning[];
  /** The last failed action, for the user. */
  error: string | null;
  /** A short confirmation (import counts). */
  notice: string | null;
  /** The last deleted query while it can still be restored. */
  undo: SavedQuery | null;
}

export type ActionResult = { ok: true } | { ok: false; message: string };

export interface SavedQueriesControllerOptions {
  open?: (workspace: string) => Promise<OpenedSavedQueryStore>;
  /** How long Undo stays offered after a delete. */
  undoMs?: number;
}

const INITIAL: SavedQueriesState = {
  status: 'loading',
  readOnly: false,
  queries: [],
  search: '',
  sort: 'name',
  warnings: [],
  error: null,
  notice: null,
  undo: null,
};

export function visibleQueries(state: SavedQueriesState): SavedQuery[] {
  return filterAndSort(state.queries, { search: state.search, sort: state.sort });
}

/**
 * The sidebar's state and actions, without React: it opens the store, reloads whenever the
 * store says something changed (here or in another tab), and turns failures into messages.
 * `useSavedQueries` binds it to a component; tests drive it directly.
 */
export class SavedQueriesController extends ObservableState<SavedQueriesState> {
  private store: SavedQueryStore | null = null;
  private unsubscribeStore: (() => void) | null = null;
  private generation = 0;
  private loadSequence = 0;
  private undoTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly open: (workspace: string) => Promise<OpenedSavedQueryStore>;
  private readonly undoMs: number;

  constructor(
    readonly workspace: string,
    options: SavedQueriesControllerOptions = {},
  ) {
    super(INITIAL);
    this.open = options.open ?? ((ws) => openSavedQueryStore(ws));
    this.undoMs = options.undoMs ?? 10_000;
  }

  /** Opens the store. Safe to call again after `dispose` (React's strict-mode remount). */
  async start(): Promise<void> {
    const generation = ++this.generation;
    this.update({ status: 'loading' });
    let opened: OpenedSavedQueryStore;
    try {
      opened = await this.open(this.workspace);
    } catch (error) {
      if (generation === this.generation) {
        this.update({ status: 'unavailable', error: messageOf(error) });
      }
      return;
    }
    if (generation !== this.generation) {
      opened.store.close();
      return;
    }
    this.store = opened.store;
    this.unsubscribeStore = opened.store.subscribe(() => void this.reload());
    this.update({ warnings: opened.warnings, readOnly: opened.store.readOnly, error: null });
    await this.reload();
  }

  dispose(): void {
    this.generation++;
    clearTimeout(this.undoTimer);
    this.unsubscribeStore?.();
    this.unsubscribeStore = null;
    this.store?.close();
    this.store = null;
  }

  /** After "Saved queries are unavailable right now": opens the store again. */
  retry(): Promise<void> {
    this.dispose();
    return this.start();
  }

  setSearch(search: string): void {
    this.update({ search });
  }

  setSort(sort: SavedQuerySort): void {
    this.update({ sort });
  }

  dismissError(): void {
    this.update({ error: null });
  }

  dismissNotice(): void {
    this.update({ notice: null });
  }

  dismissWarning(warning: StoreWarning): void {
    this.update({ warnings: this.state.warnings.filter((w) => w !== warning) });
  }

  /** For the Save dialog: the message is returned (shown in the dialog), not put in `error`. */
  async save(input: NewSavedQuery): Promise<ActionResult> {
    try {
      await this.requireStore().save(input);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  rename(id: string, name: string): Promise<ActionResult> {
    return this.run((store) => store.rename(id, name));
  }

  updateText(id: string, text: string): Promise<ActionResult> {
    return this.run((store) => store.updateText(id, text));
  }

  duplicate(id: string): Promise<ActionResult> {
    return this.run((store) => store.duplicate(id));
  }

  remove(id: string): Promise<ActionResult> {
    return this.run(async (store) => {
      const removed = await store.delete(id);
      clearTimeout(this.undoTimer);
      this.update({ undo: removed });
      this.undoTimer = setTimeout(() => this.update({ undo: null }), this.undoMs);
    });
  }

  undoDelete(): Promise<ActionResult> {
    const removed = this.state.undo;
    if (!removed) return Promise.resolve({ ok: true });
    clearTimeout(this.undoTimer);
    this.update({ undo: null });
    return this.run((store) => store.restore(removed));
  }

  /** Records the use; opening itself is the caller's (the query is never run from here). */
  async markUsed(id: string): Promise<void> {
    try {
      await this.requireStore().markUsed(id);
    } catch (error) {
      // Opening still worked; a query deleted meanwhile is not worth a message.
      if (!(error instanceof SavedQueryStoreError && error.kind === 'not-found')) {
        this.update({ error: messageOf(error) });
      }
    }
  }

  async exportFile(): Promise<File | null> {
    try {
      const file = await this.requireStore().exportAll();
      return new File(
        [JSON.stringify(file, null, 2)],
        `quarry-saved-queries-${this.workspace}-${fileTimestamp()}.json`,
        { type: 'application/json' },
      );
    } catch (error) {
      this.update({ error: messageOf(error) });
      return null;
    }
  }

  async importFile(file: Blob): Promise<ActionResult> {
    return this.run(async (store) => {
      const result = await store.import(await file.text());
      const parts = [`Imported ${result.added} ${result.added === 1 ? 'query' : 'queries'}`];
      if (result.skipped > 0) parts.push(`${result.skipped} already saved`);
      if (result.invalid > 0) parts.push(`${result.invalid} unreadable`);
      this.update({ notice: `${parts.join('; ')}.` });
    });
  }

  async backupFile(location: BackupLocation): Promise<File | null> {
    try {
      const file = await backupFile(location);
      if (!file) this.update({ error: 'The backup is no longer there.' });
      return file;
    } catch (error) {
      this.update({ error: `The backup could not be read: ${messageOf(error)}` });
      return null;
    }
  }

  private async run(action: (store: SavedQueryStore) => Promise<unknown>): Promise<ActionResult> {
    try {
      await action(this.requireStore());
      this.update({ error: null });
      return { ok: true };
    } catch (error) {
      const message = messageOf(error);
      this.update({ error: message });
      return { ok: false, message };
    }
  }

  private async reload(): Promise<void> {
    const store = this.store;
    if (!store) return;
    const sequence = ++this.loadSequence;
    try {
      const queries = await store.list({ sort: 'name' });
      // A slower, older load must not overwrite a newer one.
      if (sequence === this.loadSequence && store === this.store) {
        this.update({ status: 'ready', queries });
      }
    } catch (error) {
      if (sequence === this.loadSequence) this.update({ status: 'ready', error: messageOf(error) });
    }
  }

  private requireStore(): SavedQueryStore {
    if (!this.store) {
      throw new SavedQueryStoreError('unavailable', 'Saved queries are not available yet.');
    }
    return this.store;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
