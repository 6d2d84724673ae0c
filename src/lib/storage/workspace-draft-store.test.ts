import { describe, expect, it } from 'vitest';
import {
  DRAFT_QUOTA_MESSAGE,
  WindowDraftStore,
  draftKey,
  windowDraftKey,
  type DraftStoreEnvironment,
  type DraftTab,
} from './workspace-draft-store';

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  /** Characters it may hold in all (a small quota); Infinity by default. */
  quota = Number.POSITIVE_INFINITY;
  setItem(key: string, value: string) {
    const used = [...this.map].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + value.length > this.quota) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.map.set(key, value);
  }
  keys() {
    return [...this.map.keys()];
  }
  copy(): MemoryStorage {
    const copy = new MemoryStorage();
    for (const [k, v] of this.map) copy.map.set(k, v);
    return copy;
  }
}

const tab = (id: string, text: string) => ({
  id,
  title: id,
  text,
  connectionId: 'kusto:x/Samples',
});

let ids = 0;
/** A browser window: its own sessionStorage, the shared localStorage. */
function windowOf(local: MemoryStorage, session = new MemoryStorage()): DraftStoreEnvironment {
  return { local, session, newId: () => `id${++ids}` };
}

/** Delivers a storage change to another window, as the browser's `storage` event does. */
function notify(store: WindowDraftStore, local: MemoryStorage, key: string) {
  return store.handleStorage({ key, newValue: local.getItem(key) });
}

describe('workspace draft store (per window)', () => {
  it('round-trips tabs per workspace and per window across a reload', () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const first = new WindowDraftStore('default', windowOf(local, session));
    expect(first.load()).toBeNull();
    first.save({ tabs: [tab('a', 'StormEvents | take 5'), tab('b', 'print 1')], activeId: 'b' });
    new WindowDraftStore('embedded', windowOf(local, session)).save({
      tabs: [tab('c', 'other')],
      activeId: 'c',
    });
    const reloaded = new WindowDraftStore('default', windowOf(local, session));
    expect(reloaded.windowId).toBe(first.windowId);
    expect(reloaded.load()).toMatchObject({
      activeId: 'b',
      tabs: [
        { id: 'a', text: 'StormEvents | take 5' },
        { id: 'b', text: 'print 1' },
      ],
    });
  });

  it("keeps a Prometheus tab's query type and step; one it cannot read falls back, the tab stays", () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    // `promql` is typed loosely on purpose: the second tab holds what no version wrote.
    const promTab = (id: string, promql: DraftTab['promql']) => ({
      ...tab(id, 'up'),
      connectionId: 'prometheus:proxy',
      timeRange: { kind: 'relative' as const, duration: 'PT6H' },
      promql,
    });
    new WindowDraftStore('default', windowOf(local, session)).save({
      tabs: [
        promTab('p', { type: 'instant', step: '1m' }),
        promTab('q', { type: 'sideways', step: 3 } as unknown as DraftTab['promql']),
      ],
      activeId: 'p',
    });
    const reloaded = new WindowDraftStore('default', windowOf(local, session)).load();
    expect(reloaded?.tabs[0]).toMatchObject({ promql: { type: 'instant', step: '1m' } });
    expect(reloaded?.tabs[1]).toMatchObject({
      id: 'q',
      text: 'up',
      timeRange: { duration: 'PT6H' },
    });
    expect(reloaded?.tabs[1]).not.toHaveProperty('promql');
  });

  it('two windows editing: both drafts are kept, and each reload finds its own (fault matrix)', () => {
    const local = new MemoryStorage();
    const sessionA = new MemoryStorage();
    const sessionB = new MemoryStorage();
    const a = new WindowDraftStore('default', windowOf(local, sessionA));
    a.load();
    a.save({ tabs: [tab('a1', 'window A unsent text')], activeId: 'a1' });

    // Window B opens: it starts from A's tabs and takes A's draft over; A keeps its own.
    const b = new WindowDraftStore('default', windowOf(local, sessionB));
    const bLoaded = b.load()!;
    expect(bLoaded.tabs.map((t) => t.text)).toEqual(['window A unsent text']);
    expect(notify(a, local, a.key)).toEqual({ ok: true });
    b.save({ tabs: [...bLoaded.tabs, tab('b1', 'window B tab')], activeId: 'b1' });
    a.save({ tabs: [tab('a1', 'window A unsent text, more')], activeId: 'a1' });

    const aReloaded = new WindowDraftStore('default', windowOf(local, sessionA)).load()!;
    expect(aReloaded.tabs.map((t) => t.text)).toEqual(['window A unsent text, more']);
    const bReloaded = new WindowDraftStore('default', windowOf(local, sessionB)).load()!;
    expect(bReloaded.tabs.map((t) => t.text)).toEqual(['window A unsent text', 'window B tab']);

    // A browser restart (no window id yet): every tab of both windows, nothing dropped.
    const restarted = new WindowDraftStore('default', windowOf(local)).load()!;
    expect(restarted.tabs.map((t) => t.text).sort()).toEqual([
      'window A unsent text',
      'window A unsent text, more',
      'window B tab',
    ]);
  });

  it('a duplicated browser tab (same window id) forks to its own key instead of overwriting', () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const original = new WindowDraftStore('default', windowOf(local, session));
    original.load();
    original.save({ tabs: [tab('o', 'original')], activeId: 'o' });
    const duplicate = new WindowDraftStore('default', windowOf(local, session.copy()));
    expect(duplicate.windowId).toBe(original.windowId);
    duplicate.load();
    duplicate.save({ tabs: [tab('d', 'duplicate')], activeId: 'd' });
    expect(notify(original, local, original.key)).toEqual({ ok: true });
    expect(original.windowId).not.toBe(duplicate.windowId);
    expect(JSON.parse(local.getItem(original.key)!).tabs[0].text).toBe('original');
    expect(JSON.parse(local.getItem(duplicate.key)!).tabs[0].text).toBe('duplicate');
  });

  it('takes over the shared draft of earlier versions and the v1 single query', () => {
    const local = new MemoryStorage();
    local.setItem(
      draftKey('default'),
      JSON.stringify({ tabs: [tab('old', 'v2 text')], activeId: 'old', savedAt: 1 }),
    );
    const store = new WindowDraftStore('default', windowOf(local));
    expect(store.load()?.tabs.map((t) => t.text)).toEqual(['v2 text']);
    expect(local.getItem(draftKey('default'))).toBeNull();
    expect(local.getItem(store.key)).not.toBeNull();

    const v1 = new MemoryStorage();
    v1.setItem(
      draftKey('default', 1),
      JSON.stringify({ text: 'old', connectionId: 'c1', savedAt: 1 }),
    );
    expect(new WindowDraftStore('default', windowOf(v1)).load()).toMatchObject({
      tabs: [{ text: 'old', connectionId: 'c1' }],
    });
  });

  it('sets a corrupt draft aside instead of losing it', () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const store = new WindowDraftStore('default', windowOf(local, session));
    local.setItem(store.key, '{"tabs": [half a save');
    expect(store.load()).toBeNull();
    const backups = local.keys().filter((k) => k.startsWith(`${store.key}.corrupt-`));
    expect(backups).toHaveLength(1);
    expect(local.getItem(backups[0]!)).toBe('{"tabs": [half a save');
    expect(local.getItem(store.key)).toBeNull();
  });

  it('a corrupt draft with a full quota neither throws nor is lost; the save failure is reported', () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const store = new WindowDraftStore('default', windowOf(local, session));
    local.setItem(store.key, '{"tabs": [half a save');
    local.quota = local.getItem(store.key)!.length + store.key.length;
    expect(store.load()).toBeNull();
    expect(local.getItem(store.key)).toBe('{"tabs": [half a save');
    expect(store.save({ tabs: [tab('a', 'unsent')], activeId: 'a' })).toEqual({
      ok: false,
      message: DRAFT_QUOTA_MESSAGE,
    });
  });

  it("quota exceeded on a draft save: a message, and other windows' drafts are not taken over (fault matrix)", () => {
    const local = new MemoryStorage();
    const other = new WindowDraftStore('default', windowOf(local));
    other.load();
    other.save({ tabs: [tab('x', 'other window')], activeId: 'x' });
    local.quota = local.keys().reduce((n, k) => n + k.length + local.getItem(k)!.length, 0);
    const store = new WindowDraftStore('default', windowOf(local));
    expect(store.load()?.tabs[0]?.text).toBe('other window');
    expect(local.getItem(other.key)).not.toBeNull();
    expect(store.save({ tabs: [tab('a', 'new')], activeId: 'a' })).toMatchObject({ ok: false });
  });

  it('rejects well-formed JSON of the wrong shape', () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const store = new WindowDraftStore('default', windowOf(local, session));
    local.setItem(
      windowDraftKey('default', store.windowId),
      JSON.stringify({ tabs: [], activeId: 'x', savedAt: 1 }),
    );
    expect(store.load()).toBeNull();
  });
});
