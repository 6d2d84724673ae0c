import type { DraftTab } from '../../lib/storage/workspace-draft-store';

/** The open query tabs and the active one: what the workspace keeps in its draft. */
export interface TabList {
  tabs: DraftTab[];
  activeId: string;
}

/** A closed tab and where it stood, so it can come back in its place. */
export interface ClosedTab {
  tab: DraftTab;
  index: number;
}

/** Closed tabs kept for reopening (this page's session only). */
export const CLOSED_TABS_KEPT = 20;

export const MAX_TAB_TITLE = 60;

/** Closes a tab (never the last one); the neighbour on the left becomes active if it was. */
export function closeTab(list: TabList, id: string): { list: TabList; closed: ClosedTab | null } {
  const index = list.tabs.findIndex((tab) => tab.id === id);
  if (index < 0 || list.tabs.length === 1) return { list, closed: null };
  const tabs = list.tabs.filter((tab) => tab.id !== id);
  const activeId = list.activeId === id ? tabs[Math.max(0, index - 1)]!.id : list.activeId;
  return { list: { tabs, activeId }, closed: { tab: list.tabs[index]!, index } };
}

/** Puts a closed tab back where it was (or at the end) and makes it active. */
export function reopenTab(list: TabList, closed: ClosedTab): TabList {
  if (list.tabs.some((tab) => tab.id === closed.tab.id))
    return { ...list, activeId: closed.tab.id };
  const tabs = [...list.tabs];
  tabs.splice(Math.min(closed.index, tabs.length), 0, closed.tab);
  return { tabs, activeId: closed.tab.id };
}

/** Renames a tab; blank names are refused (the tab keeps its name), long ones are cut. */
export function renameTab(list: TabList, id: string, title: string): TabList {
  const name = title.replace(/\s+/g, ' ').trim().slice(0, MAX_TAB_TITLE);
  if (!name) return list;
  return { ...list, tabs: list.tabs.map((tab) => (tab.id === id ? { ...tab, title: name } : tab)) };
}

/** Pushes onto the reopen stack, newest last, keeping at most CLOSED_TABS_KEPT. */
export function rememberClosed(stack: readonly ClosedTab[], closed: ClosedTab): ClosedTab[] {
  return [...stack, closed].slice(-CLOSED_TABS_KEPT);
}

/** Changes one tab (its text, connection, time range …); the others stay as they are. */
export function updateTab(
  list: TabList,
  id: string,
  patch: Partial<Omit<DraftTab, 'id'>>,
): TabList {
  return { ...list, tabs: list.tabs.map((tab) => (tab.id === id ? { ...tab, ...patch } : tab)) };
}

/** Adds a tab at the end and makes it active. */
export function addTab(list: TabList, tab: DraftTab): TabList {
  return { tabs: [...list.tabs, tab], activeId: tab.id };
}

/** Makes a tab active; an unknown id changes nothing. */
export function selectTab(list: TabList, id: string): TabList {
  return list.tabs.some((tab) => tab.id === id) ? { ...list, activeId: id } : list;
}

/** The tab before or after the active one becomes active, wrapping around at either end. */
export function stepTab(list: TabList, step: -1 | 1): TabList {
  const at = list.tabs.findIndex((tab) => tab.id === list.activeId);
  const next = list.tabs[(at + step + list.tabs.length) % list.tabs.length];
  return next ? { ...list, activeId: next.id } : list;
}

/** The active tab; the first when the active id is stale (a list always has a tab). */
export function activeTabOf(list: TabList): DraftTab {
  return list.tabs.find((tab) => tab.id === list.activeId) ?? list.tabs[0]!;
}
