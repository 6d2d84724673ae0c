/**
 * The user's unsent work — the query tabs (text and connection each) and which one is active —
 * kept in localStorage on every change so that a sign-in redirect, a reload or a crash loses
 * nothing. A value that does not parse is set aside under a backup key rather than thrown away.
 */
export interface DraftTab {
  id: string;
  title: string;
  text: string;
  connectionId: string | null;
  /** App Insights tabs: the time range applied on top of the query (absent or null = none). */
  timeRange?: DraftTimeRange | null;
}

export type DraftTimeRange =
  { kind: 'relative'; duration: string } | { kind: 'absolute'; from: string; to: string };

export interface WorkspaceDraft {
  tabs: DraftTab[];
  activeId: string;
  savedAt: number;
}

const VERSION = 2;

export function draftKey(workspace: string, version = VERSION): string {
  return `quarry.${workspace}.draft.v${version}`;
}

export function loadDraft(
  workspace: string,
  storage: Storage | null = safeLocalStorage(),
): WorkspaceDraft | null {
  if (!storage) return null;
  const key = draftKey(workspace);
  const raw = storage.getItem(key);
  if (raw === null) return migrateV1(workspace, storage);
  try {
    const value: unknown = JSON.parse(raw);
    if (isDraft(value)) return value;
  } catch {
    // fall through to set it aside
  }
  storage.setItem(`${key}.corrupt-${Date.now()}`, raw);
  storage.removeItem(key);
  return null;
}

export function saveDraft(
  workspace: string,
  draft: Omit<WorkspaceDraft, 'savedAt'>,
  storage: Storage | null = safeLocalStorage(),
): void {
  if (!storage) return;
  try {
    storage.setItem(draftKey(workspace), JSON.stringify({ ...draft, savedAt: Date.now() }));
  } catch (error) {
    console.error('Could not save the draft', error);
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
        savedAt: Date.now(),
      };
    }
  } catch {
    // an unreadable v1 draft stays where it is
  }
  return null;
}

function isDraft(value: unknown): value is WorkspaceDraft {
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

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
