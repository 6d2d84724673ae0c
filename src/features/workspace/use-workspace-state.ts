import { useState } from 'react';
import type { DraftTab } from '../../lib/storage/workspace-draft-store';
import {
  activeTabOf,
  addTab,
  closeTab,
  rememberClosed,
  renameTab,
  reopenTab,
  selectTab,
  stepTab,
  updateTab,
  type ClosedTab,
} from './query-tab-list';
import { useWindowDraft } from './use-window-draft';

const DEFAULT_QUERY = 'StormEvents\n| summarize count() by State\n| top 3 by count_';

function newTabId(): string {
  return `tab-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * The workspace's query tabs: this window's draft (texts, connections, time ranges, the active
 * tab; stored on every change so a reload or sign-in redirect loses nothing) and the tabs closed
 * in this page's session, which can come back. The changes themselves are the pure functions of
 * query-tab-list.ts; this hook only holds the state.
 */
export function useWorkspaceState(workspace: string) {
  const { draft, setDraft, saveProblem } = useWindowDraft(workspace, () => {
    const first: DraftTab = {
      id: newTabId(),
      title: 'Query 1',
      text: DEFAULT_QUERY,
      connectionId: null,
    };
    return { tabs: [first], activeId: first.id };
  });
  const activeTab = activeTabOf(draft);
  const [closedTabs, setClosedTabs] = useState<ClosedTab[]>([]);

  const openInNewTab = (tab: Omit<DraftTab, 'id'>) => {
    const id = newTabId();
    setDraft((d) => addTab(d, { ...tab, id }));
  };

  return {
    tabs: draft.tabs,
    activeTab,
    /** Why the draft could not be stored (it then lasts for this page only), or null. */
    saveProblem,
    closedTabs,
    updateTab: (id: string, patch: Partial<Omit<DraftTab, 'id'>>) =>
      setDraft((d) => updateTab(d, id, patch)),
    openInNewTab,
    /** A blank tab on the active tab's connection. */
    newTab: () =>
      openInNewTab({
        title: `Query ${draft.tabs.length + 1}`,
        text: '',
        connectionId: activeTab.connectionId,
      }),
    selectTab: (id: string) => setDraft((d) => selectTab(d, id)),
    stepTab: (step: -1 | 1) => setDraft((d) => stepTab(d, step)),
    renameTab: (id: string, title: string) => setDraft((d) => renameTab(d, id, title)),
    closeTab: (id: string) => {
      const { list, closed } = closeTab(draft, id);
      if (!closed) return;
      setDraft(list);
      setClosedTabs((stack) => rememberClosed(stack, closed));
    },
    reopenTab: () => {
      const last = closedTabs.at(-1);
      if (!last) return;
      setDraft((d) => reopenTab(d, last));
      setClosedTabs((stack) => stack.slice(0, -1));
    },
  };
}
