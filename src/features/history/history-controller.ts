import {
  sharedQueryHistory,
  type HistoryEntry,
  type OpenedQueryHistory,
  type QueryHistory,
} from '../../lib/query-history';
import { ObservableState } from '../../lib/observable/observable-state';

export interface HistoryState {
  status: 'loading' | 'ready' | 'unavailable';
  /** Newest first, already filtered by `search`. */
  entries: readonly HistoryEntry[];
  search: string;
  /** The history was unreadable and started again. */
  warning: string | null;
  error: string | null;
}

const INITIAL: HistoryState = {
  status: 'loading',
  entries: [],
  search: '',
  warning: null,
  error: null,
};

/**
 * The history panel's state without React: the shared history of the workspace (the one
 * `recordRun` writes to), reloaded on every change here or in another tab.
 */
export class HistoryController extends ObservableState<HistoryState> {
  private history: QueryHistory | null = null;
  private unsubscribeHistory: (() => void) | null = null;
  private generation = 0;
  private loadSequence = 0;
  private readonly open: (workspace: string) => Promise<OpenedQueryHistory>;

  constructor(
    readonly workspace: string,
    options: { open?: (workspace: string) => Promise<OpenedQueryHistory> } = {},
  ) {
    super(INITIAL);
    this.open = options.open ?? sharedQueryHistory;
  }

  async start(): Promise<void> {
    const generation = ++this.generation;
    let opened: OpenedQueryHistory;
    try {
      opened = await this.open(this.workspace);
    } catch (error) {
      if (generation === this.generation) {
        this.update({ status: 'unavailable', error: messageOf(error) });
      }
      return;
    }
    if (generation !== this.generation) return;
    this.history = opened.history;
    this.unsubscribeHistory = opened.history.subscribe(() => void this.reload());
    this.update({ warning: opened.warning, error: null });
    await this.reload();
  }

  /** Stops listening. The shared history stays open for `recordRun`. */
  dispose(): void {
    this.generation++;
    this.unsubscribeHistory?.();
    this.unsubscribeHistory = null;
    this.history = null;
  }

  /** After "History is unavailable right now": opens it again. */
  retry(): Promise<void> {
    this.dispose();
    this.update({ status: 'loading' });
    return this.start();
  }

  setSearch(search: string): void {
    this.update({ search });
    void this.reload();
  }

  async clear(): Promise<void> {
    try {
      await this.history?.clear();
    } catch (error) {
      this.update({ error: messageOf(error) });
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.history?.delete(id);
    } catch (error) {
      this.update({ error: messageOf(error) });
    }
  }

  dismissError(): void {
    this.update({ error: null });
  }

  dismissWarning(): void {
    this.update({ warning: null });
  }

  private async reload(): Promise<void> {
    const history = this.history;
    if (!history) return;
    const sequence = ++this.loadSequence;
    try {
      const entries = await history.list({ search: this.state.search });
      if (sequence === this.loadSequence && history === this.history) {
        this.update({ status: 'ready', entries });
      }
    } catch (error) {
      if (sequence === this.loadSequence) this.update({ status: 'ready', error: messageOf(error) });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
