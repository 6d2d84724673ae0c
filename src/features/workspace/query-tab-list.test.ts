import { describe, expect, it } from 'vitest';
import type { DraftTab } from '../../lib/storage/workspace-draft-store';
import {
  CLOSED_TABS_KEPT,
  closeTab,
  rememberClosed,
  renameTab,
  reopenTab,
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
