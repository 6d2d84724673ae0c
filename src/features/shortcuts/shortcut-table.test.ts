import { describe, expect, it } from 'vitest';
import {
  isCopyLinkShortcut,
  isCopyReportShortcut,
  SHORTCUTS,
  workspaceShortcut,
  type ShortcutEvent,
} from './shortcut-table';

const key = (code: string, mods: Partial<ShortcutEvent> = {}, k = ''): ShortcutEvent => ({
  key: k,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('workspace shortcuts as ADX binds them', () => {
  it('Ctrl/Cmd+J adds a tab; Ctrl/Cmd+Alt+[ and ] switch tabs; Ctrl/Cmd+Shift+Alt+T reopens', () => {
    expect(workspaceShortcut(key('KeyJ', { ctrlKey: true }), true)).toBe('new-tab');
    expect(workspaceShortcut(key('KeyJ', { metaKey: true }), false)).toBe('new-tab');
    expect(workspaceShortcut(key('BracketLeft', { ctrlKey: true, altKey: true }), true)).toBe(
      'previous-tab',
    );
    // On a Mac, Option changes the key ("“") but not the code.
    expect(workspaceShortcut(key('BracketRight', { metaKey: true, altKey: true }, '‘'), true)).toBe(
      'next-tab',
    );
    expect(
      workspaceShortcut(key('KeyT', { ctrlKey: true, altKey: true, shiftKey: true }), true),
    ).toBe('reopen-tab');
  });

  it('? opens the list only outside text fields; other chords are left alone', () => {
    expect(workspaceShortcut(key('Slash', { shiftKey: true }, '?'), false)).toBe('help');
    expect(workspaceShortcut(key('Slash', { shiftKey: true }, '?'), true)).toBeNull();
    expect(workspaceShortcut(key('KeyJ'), false)).toBeNull();
    expect(workspaceShortcut(key('KeyT', { ctrlKey: true }), false)).toBeNull();
    expect(workspaceShortcut(key('KeyJ', { ctrlKey: true, isComposing: true }), false)).toBeNull();
  });

  it('Shift+Alt+L copies the query link', () => {
    expect(isCopyLinkShortcut(key('KeyL', { shiftKey: true, altKey: true }))).toBe(true);
    expect(isCopyLinkShortcut(key('KeyL', { shiftKey: true, altKey: true, ctrlKey: true }))).toBe(
      false,
    );
  });

  it('Ctrl/Cmd+Shift+C copies for a report; plain copy and the editor’s chords do not', () => {
    expect(isCopyReportShortcut(key('KeyC', { ctrlKey: true, shiftKey: true }, 'C'))).toBe(true);
    expect(isCopyReportShortcut(key('KeyC', { metaKey: true, shiftKey: true }, 'c'))).toBe(true);
    // Ctrl+C (copy), Alt+C (the editor's find option), Ctrl+Shift+Alt+C: not this shortcut.
    expect(isCopyReportShortcut(key('KeyC', { ctrlKey: true }))).toBe(false);
    expect(isCopyReportShortcut(key('KeyC', { altKey: true }))).toBe(false);
    expect(isCopyReportShortcut(key('KeyC', { ctrlKey: true, shiftKey: true, altKey: true }))).toBe(
      false,
    );
    expect(
      isCopyReportShortcut(key('KeyC', { ctrlKey: true, shiftKey: true, isComposing: true })),
    ).toBe(false);
    // No other Quarry shortcut uses the chord.
    expect(
      workspaceShortcut(key('KeyC', { ctrlKey: true, shiftKey: true }, 'C'), false),
    ).toBeNull();
    expect(isCopyLinkShortcut(key('KeyC', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  it('lists each action once, with both platforms', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    for (const s of SHORTCUTS) expect(s.windows && s.mac).toBeTruthy();
    expect(SHORTCUTS.find((s) => s.action.startsWith('Run query'))?.windows).toBe('Shift+Enter');
  });
});
