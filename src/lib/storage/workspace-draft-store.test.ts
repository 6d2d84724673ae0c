import { describe, expect, it } from 'vitest';
import { draftKey, loadDraft, saveDraft } from './workspace-draft-store';

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
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  keys() {
    return [...this.map.keys()];
  }
}

const tab = (id: string, text: string) => ({
  id,
  title: id,
  text,
  connectionId: 'kusto:x/Samples',
});

describe('workspace draft store', () => {
  it('round-trips tabs per workspace', () => {
    const storage = new MemoryStorage();
    saveDraft(
      'default',
      { tabs: [tab('a', 'StormEvents | take 5'), tab('b', 'print 1')], activeId: 'b' },
      storage,
    );
    saveDraft('embedded', { tabs: [tab('c', 'other')], activeId: 'c' }, storage);
    expect(loadDraft('default', storage)).toMatchObject({
      activeId: 'b',
      tabs: [
        { id: 'a', text: 'StormEvents | take 5' },
        { id: 'b', text: 'print 1' },
      ],
    });
    expect(loadDraft('embedded', storage)?.tabs[0]?.text).toBe('other');
  });

  it('turns a v1 single-query draft into the first tab', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      draftKey('default', 1),
      JSON.stringify({ text: 'old', connectionId: 'c1', savedAt: 1 }),
    );
    expect(loadDraft('default', storage)).toMatchObject({
      tabs: [{ text: 'old', connectionId: 'c1' }],
    });
  });

  it('sets a corrupt draft aside instead of losing it', () => {
    const storage = new MemoryStorage();
    storage.setItem(draftKey('default'), '{"tabs": [half a save');
    expect(loadDraft('default', storage)).toBeNull();
    const backups = storage.keys().filter((k) => k.startsWith(`${draftKey('default')}.corrupt-`));
    expect(backups).toHaveLength(1);
    expect(storage.getItem(backups[0]!)).toBe('{"tabs": [half a save');
    expect(storage.getItem(draftKey('default'))).toBeNull();
  });

  it('rejects well-formed JSON of the wrong shape', () => {
    const storage = new MemoryStorage();
    storage.setItem(draftKey('default'), JSON.stringify({ tabs: [], activeId: 'x', savedAt: 1 }));
    expect(loadDraft('default', storage)).toBeNull();
  });
});
