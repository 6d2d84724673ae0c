/**
 * The user's unsent work (query text and selected connection), kept in localStorage on every
 * change so that a sign-in redirect, a reload or a crash loses nothing. A value that does not
 * parse is set aside under a backup key rather than thrown away.
 */
export interface WorkspaceDraft {
  text: string;
  connectionId: string | null;
  savedAt: number;
}

const VERSION = 1;

export function draftKey(workspace: string): string {
  return `quarry.${workspace}.draft.v${VERSION}`;
}

export function loadDraft(
  workspace: string,
  storage: Storage | null = safeLocalStorage(),
): WorkspaceDraft | null {
  if (!storage) return null;
  const key = draftKey(workspace);
  const raw = storage.getItem(key);
  if (raw === null) return null;
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

function isDraft(value: unknown): value is WorkspaceDraft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.text === 'string' &&
    (typeof v.connectionId === 'string' || v.connectionId === null) &&
    typeof v.savedAt === 'number'
  );
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
