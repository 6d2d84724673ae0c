import {
  useEffect,
  useState,
  useSyncExternalStore,
  type Dispatch,
  type SetStateAction,
} from 'react';
import { WindowDraftStore, type WorkspaceDraft } from '../../lib/storage/workspace-draft-store';

export type TabsDraft = Omit<WorkspaceDraft, 'savedAt'>;

/**
 * The query tabs of this window, saved on every change under this window's own key, so another
 * window cannot overwrite them. `saveProblem` is set while saving fails (storage full): the
 * workspace shows it, the tabs stay in memory.
 */
export function useWindowDraft(
  workspace: string,
  initial: () => TabsDraft,
): { draft: TabsDraft; setDraft: Dispatch<SetStateAction<TabsDraft>>; saveProblem: string | null } {
  const [store] = useState(() => new WindowDraftStore(workspace));
  const [draft, setDraft] = useState<TabsDraft>(() => {
    const loaded = store.load();
    return loaded ? { tabs: loaded.tabs, activeId: loaded.activeId } : initial();
  });
  const saveProblem = useSyncExternalStore(store.subscribe, store.getProblem);

  // Saved on every change, so a sign-in redirect or a reload never loses unsent work.
  useEffect(() => {
    store.save(draft);
  }, [store, draft]);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => store.handleStorage(event);
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [store]);

  return { draft, setDraft, saveProblem };
}
