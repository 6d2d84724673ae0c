/**
 * The user's unsent work — the query tabs (text and connection each) and which one is active —
 * kept in localStorage on every change so that a sign-in redirect, a reload or a crash loses
 * nothing.
 *
 * Each browser window keeps its own draft (`quarry.<ws>.draft.v3.<window id>`, the id lives in
 * sessionStorage, which survives a reload but is not shared with other windows), so two windows
 * never overwrite each other. A window that has no draft yet (a new window, a browser restart)
 * starts from the merge of every draft it finds, then takes those drafts over; a window whose
 * draft another window took over keeps writing its own, so nothing it holds is dropped.
 *
 * A value that does not parse is set aside under a backup key rather than thrown away; when even
 * that cannot be written (storage full) it stays where it is and is skipped.
 */
import type { TimeRange } from '../query/time-range';
export interface DraftTab {
  id: string;
  title: string;
  text: string;
  connectionId: string | null;
  /** App Insights tabs: the time range applied on top of the query (absent or null = none). */
  timeRange?: TimeRange | null;
  /** Prometheus tabs: instant or range query, and the Step field (empty = auto); absent = range, auto. */
  promql?: DraftPromql;
}

export interface DraftPromql {
  type: 'instant' | 'range';
  step: string;
}

export interface WorkspaceDraft {
  tabs: DraftTab[];
  activeId: string;
  savedAt: number;
}

interface StoredWindowDraft extends WorkspaceDraft {
  /** Which page wrote it: a duplicated browser tab inherits the window id, not this. */
  instance?: string;
}

const VERSION = 3;

/** The shared (pre-v3) key, and v3's per-window keys. */
export function draftKey(workspace: string, version = 2): string {
  return `quarry.${workspace}.draft.v${version}`;
}

export function windowDraftKey(workspace: string, windowId: string): string {
  return `${draftKey(workspace, VERSION)}.${windowId}`;
}

export type DraftSaveResult = { ok: true } | { ok: false; message: string };

export const DRAFT_QUOTA_MESSAGE =
  "Your unsent queries could not be kept for a reload: the browser's storage for this site is full. Keep this window open, and free space (delete saved queries or history you no longer need, or close other Quarry windows), or copy your query elsewhere.";

export interface DraftStoreEnvironment {
  local: Storage | null;
  session: Storage | null;
  newId: () => string;
}

function browserEnvironment(): DraftStoreEnvironment {
  return {
    local: safeStorage('localStorage'),
    session: safeStorage('sessionStorage'),
    newId: () => crypto.randomUUID().slice(0, 12),
  };
}

/**
 * The draft of one window of one workspace. `load` once, `save` on every change, `handleStorage`
 * for each `storage` event of the window.
 */
export class WindowDraftStore {
  private id: string;
  private readonly instance: string;
  private last: Omit<WorkspaceDraft, 'savedAt'> | null = null;
  private problem: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly workspace: string,
    private readonly env: DraftStoreEnvironment = browserEnvironment(),
  ) {
    this.instance = env.newId();
    this.id = this.readOrCreateWindowId();
  }

  get windowId(): string {
    return this.id;
  }

  get key(): string {
    return windowDraftKey(this.workspace, this.windowId);
  }

  /**
   * This window's draft after a reload; in a new window, the merge of every draft found (other
   * windows' and the older shared one), which this window then holds.
   */
  load(): WorkspaceDraft | null {
    const storage = this.env.local;
    if (!storage) return null;
    const own = readDraft(storage, this.key);
    if (own) return own;
    const found = this.otherDraftKeys(storage).flatMap((key) => {
      const draft = readDraft(storage, key);
      return draft ? [{ key, draft }] : [];
    });
    const legacy =
      readDraft(storage, draftKey(this.workspace)) ?? migrateV1(this.workspace, storage);
    const drafts = [...found.map((f) => f.draft), ...(legacy ? [legacy] : [])];
    if (drafts.length === 0) return null;
    const merged = mergeDrafts(drafts);
    // Take them over only once they are safely in this window's own key.
    if (this.save(merged).ok) {
      for (const { key } of found) storage.removeItem(key);
      storage.removeItem(draftKey(this.workspace));
    }
    return { ...merged, savedAt: Date.now() };
  }

  save(draft: Omit<WorkspaceDraft, 'savedAt'>): DraftSaveResult {
    this.last = draft;
    const result = this.write(draft);
    const problem = result.ok ? null : result.message;
    if (problem !== this.problem) {
      this.problem = problem;
      for (const listener of [...this.listeners]) listener();
    }
    return result;
  }

  /** Why the last save failed (storage full), or null: for the workspace to show. */
  getProblem = (): string | null => this.problem;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private write(draft: Omit<WorkspaceDraft, 'savedAt'>): DraftSaveResult {
    const storage = this.env.local;
    if (!storage) return { ok: true };
    const stored: StoredWindowDraft = { ...draft, savedAt: Date.now(), instance: this.instance };
    try {
      storage.setItem(this.key, JSON.stringify(stored));
      return { ok: true };
    } catch (error) {
      return { ok: false, message: describeStorageFailure(error) };
    }
  }

  /**
   * Another window changed storage. If it took our draft over (removed our key), or it is a
   * duplicate of this window writing under the same window id, keep ours safe under our key
   * (a fresh id for a duplicate). Returns the result of any save it made.
   */
  handleStorage(event: Pick<StorageEvent, 'key' | 'newValue'>): DraftSaveResult | null {
    if (event.key !== this.key || !this.last) return null;
    if (event.newValue === null) return this.save(this.last);
    const writer = parseStored(event.newValue)?.instance;
    if (writer !== undefined && writer !== this.instance) {
      this.forkWindowId();
      return this.save(this.last);
    }
    return null;
  }

  private otherDraftKeys(storage: Storage): string[] {
    const prefix = `${draftKey(this.workspace, VERSION)}.`;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix) && key !== this.key && !key.includes('.corrupt-')) keys.push(key);
    }
    return keys.sort();
  }

  private readOrCreateWindowId(): string {
    const idKey = `quarry.${this.workspace}.window-id`;
    try {
      const existing = this.env.session?.getItem(idKey);
      if (existing) return existing;
      const id = this.env.newId();
      this.env.session?.setItem(idKey, id);
      return id;
    } catch {
      return this.env.newId();
    }
  }

  private forkWindowId(): void {
    const id = this.env.newId();
    try {
      this.env.session?.setItem(`quarry.${this.workspace}.window-id`, id);
    } catch {
      // This page keeps the new id in memory only.
    }
    this.id = id;
  }
}

/**
 * Tabs of several drafts, in order, each once: a tab id seen again with the same content is
 * skipped; with different content it is kept as a separate tab, so no text is ever hidden.
 */
export function mergeDrafts(drafts: readonly WorkspaceDraft[]): Omit<WorkspaceDraft, 'savedAt'> {
  const newestFirst = [...drafts].sort((a, b) => b.savedAt - a.savedAt);
  const tabs: DraftTab[] = [];
  for (const draft of newestFirst) {
    for (const tab of draft.tabs) {
      const same = tabs.find((t) => t.id === tab.id);
      if (!same) tabs.push(tab);
      else if (same.text !== tab.text || same.connectionId !== tab.connectionId) {
        tabs.push({ ...tab, id: `${tab.id}-${tabs.length}`, title: `${tab.title} (other window)` });
      }
    }
  }
  const activeId = newestFirst[0]!.activeId;
  return { tabs, activeId: tabs.some((t) => t.id === activeId) ? activeId : tabs[0]!.id };
}

/** A quota failure in words; anything else with its own text. */
export function describeStorageFailure(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return DRAFT_QUOTA_MESSAGE;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Your unsent queries could not be kept for a reload (${detail}). Keep this window open and copy your query elsewhere.`;
}

/** A draft under `key`, or null. Unparseable values are set aside when storage allows. */
function readDraft(storage: Storage, key: string): WorkspaceDraft | null {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return null;
  }
  if (raw === null) return null;
  const value = parseStored(raw);
  if (value) {
    return {
      tabs: value.tabs.map(withReadablePromql),
      activeId: value.activeId,
      savedAt: value.savedAt,
    };
  }
  try {
    storage.setItem(`${key}.corrupt-${Date.now()}`, raw);
    storage.removeItem(key);
  } catch {
    // Storage is full: the unreadable draft stays where it is (nothing lost) and is skipped.
  }
  return null;
}

function parseStored(raw: string): StoredWindowDraft | null {
  try {
    const value: unknown = JSON.parse(raw);
    return isDraft(value) ? value : null;
  } catch {
    return null;
  }
}

/** v1 held one query box: it becomes the first tab. */
function migrateV1(workspace: string, storage: Storage): WorkspaceDraft | null {
  const raw = storage.getItem(draftKey(workspace, 1));
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    if (typeof value.text === 'string') {
      const connectionId = typeof value.connectionId === 'string' ? value.connectionId : null;
      return {
        tabs: [{ id: 'tab-1', title: 'Query 1', text: value.text, connectionId }],
        activeId: 'tab-1',
        savedAt: typeof value.savedAt === 'number' ? value.savedAt : 0,
      };
    }
  } catch {
    // an unreadable v1 draft stays where it is
  }
  return null;
}

function isDraft(value: unknown): value is StoredWindowDraft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Array.isArray(v.tabs) &&
    v.tabs.length > 0 &&
    v.tabs.every(isTab) &&
    typeof v.activeId === 'string' &&
    typeof v.savedAt === 'number'
  );
}

function isTab(value: unknown): value is DraftTab {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    typeof v.text === 'string' &&
    (typeof v.connectionId === 'string' || v.connectionId === null)
  );
}

/** A tab whose `promql` this version cannot read keeps everything else (the default applies). */
function withReadablePromql(tab: DraftTab): DraftTab {
  if (tab.promql === undefined) return tab;
  const promql: unknown = tab.promql;
  if (
    typeof promql === 'object' &&
    promql !== null &&
    ((promql as DraftPromql).type === 'instant' || (promql as DraftPromql).type === 'range') &&
    typeof (promql as DraftPromql).step === 'string'
  ) {
    return tab;
  }
  const { promql: _unreadable, ...rest } = tab;
  return rest;
}

function safeStorage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}
