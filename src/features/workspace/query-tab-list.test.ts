import { describe, expect, it } from 'vitest';
import type { DraftTab } from '../../lib/storage/workspace-draft-store';
import {
  CLOSED_TABS_KEPT,
  activeTabOf,
  addTab,
  closeTab,
  rememberClosed,
  renameTab,
  reopenTab,
  selectTab,
  stepTab,
  updateTab,
  type TabList,
} from './query-tab-list';

const tab = (id: string, text = ''): DraftTab => ({ id, title: id, text, connectionId: null });
const list = (activeId: string, ...ids: string[]): TabList => ({
  tabs: ids.map((id) => tab(id, `${id} text`)),
  activeId,
});

describe('query tab list', () => {
  it('closing the active tab activates its left neighbour and remembers its place', () => {
    const { list: after, closed } = closeTab(list('b', 'a', 'b', 'c'), 'b');
    expect(after.tabs.map((t) => t.id)).toEqual(['a', 'c']);
    expect(after.activeId).toBe('a');
    expect(closed).toEqual({ tab: tab('b', 'b text'), index: 1 });
  });

  it('closing the first active tab activates the next one; an inactive close keeps the active', () => {
    expect(closeTab(list('a', 'a', 'b'), 'a').list.activeId).toBe('b');
    expect(closeTab(list('a', 'a', 'b', 'c'), 'c').list.activeId).toBe('a');
  });

  it('never closes the last tab or an unknown one', () => {
    const only = list('a', 'a');
    expect(closeTab(only, 'a')).toEqual({ list: only, closed: null });
    const two = list('a', 'a', 'b');
    expect(closeTab(two, 'zz')).toEqual({ list: two, closed: null });
  });

  it('reopens a closed tab in its old place with its text, and activates it', () => {
    const start = list('c', 'a', 'b', 'c');
    const { list: closedB, closed } = closeTab(start, 'b');
    const back = reopenTab(closedB, closed!);
    expect(back.tabs).toEqual(start.tabs);
    expect(back.activeId).toBe('b');
    // Its old place may be gone: then it goes to the end.
    const fewer = reopenTab({ tabs: [tab('a')], activeId: 'a' }, { tab: tab('c'), index: 2 });
    expect(fewer.tabs.map((t) => t.id)).toEqual(['a', 'c']);
  });

  it('renames with trimmed, single-spaced text, refuses a blank name and cuts a long one', () => {
    const start = list('a', 'a', 'b');
    expect(renameTab(start, 'b', '  Texas   storms ').tabs[1]!.title).toBe('Texas storms');
    expect(renameTab(start, 'b', '   ')).toBe(start);
    expect(renameTab(start, 'a', 'x'.repeat(100)).tabs[0]!.title).toHaveLength(60);
  });

  it('keeps only the newest closed tabs for reopening', () => {
    let stack: ReturnType<typeof rememberClosed> = [];
    for (let i = 0; i < CLOSED_TABS_KEPT + 5; i++)
      stack = rememberClosed(stack, { tab: tab(`t${i}`), index: 0 });
    expect(stack).toHaveLength(CLOSED_TABS_KEPT);
    expect(stack.at(-1)!.tab.id).toBe(`t${CLOSED_TABS_KEPT + 4}`);
    expect(stack[0]!.tab.id).toBe('t5');
  });
});

describe('workspace tab state', () => {
  it('an edit changes only its tab and keeps the active one', () => {
    const before = list('a', 'a', 'b');
    const after = updateTab(before, 'b', { text: 'print 1', connectionId: 'c-2' });
    expect(after.activeId).toBe('a');
    expect(after.tabs[0]).toBe(before.tabs[0]);
    expect(after.tabs[1]).toEqual({ ...before.tabs[1], text: 'print 1', connectionId: 'c-2' });
    // An App Insights tab's range can be "set in query" (null): kept, not dropped.
    expect(updateTab(after, 'a', { timeRange: null }).tabs[0]!.timeRange).toBeNull();
  });

  it('a new tab goes last and becomes active', () => {
    const after = addTab(list('a', 'a', 'b'), tab('n', 'new'));
    expect(after.tabs.map((t) => t.id)).toEqual(['a', 'b', 'n']);
    expect(activeTabOf(after).text).toBe('new');
  });

  it('selecting a tab that is gone changes nothing', () => {
    const before = list('a', 'a', 'b');
    expect(selectTab(before, 'b').activeId).toBe('b');
    expect(selectTab(before, 'gone')).toBe(before);
  });

  it('next and previous tab wrap around at either end', () => {
    expect(stepTab(list('c', 'a', 'b', 'c'), 1).activeId).toBe('a');
    expect(stepTab(list('a', 'a', 'b', 'c'), -1).activeId).toBe('c');
    expect(stepTab(list('b', 'a', 'b', 'c'), 1).activeId).toBe('c');
    expect(stepTab(list('a', 'a'), 1).activeId).toBe('a');
  });

  it('a stale active id (a tab closed in another window) falls back to the first tab', () => {
    expect(activeTabOf(list('gone', 'a', 'b')).id).toBe('a');
  });
});
