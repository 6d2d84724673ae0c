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

describe('workspace draft store', () => {
  it('round-trips a draft per workspace', () => {
    const storage = new MemoryStorage();
    saveDraft(
      'default',
      { text: 'StormEvents | take 5', connectionId: 'kusto:x/Samples' },
      storage,
    );
    saveDraft('embedded', { text: 'other', connectionId: null }, storage);
    expect(loadDraft('default', storage)).toMatchObject({
      text: 'StormEvents | take 5',
      connectionId: 'kusto:x/Samples',
    });
    expect(loadDraft('embedded', storage)?.text).toBe('other');
  });

  it('sets a corrupt draft aside instead of losing it', () => {
    const storage = new MemoryStorage();
    storage.setItem(draftKey('default'), '{"text": "half a save');
    expect(loadDraft('default', storage)).toBeNull();
    const backups = storage.keys().filter((k) => k.startsWith(`${draftKey('default')}.corrupt-`));
    expect(backups).toHaveLength(1);
    expect(storage.getItem(backups[0]!)).toBe('{"text": "half a save');
    expect(storage.getItem(draftKey('default'))).toBeNull();
  });

  it('rejects well-formed JSON of the wrong shape', () => {
    const storage = new MemoryStorage();
    storage.setItem(draftKey('default'), JSON.stringify({ text: 42 }));
    expect(loadDraft('default', storage)).toBeNull();
  });
});
