import { describe, expect, it } from 'vitest';
import { editorKeyAction, type KeyChord } from './editor-key-action';

const chord = (key: string, mods: Partial<KeyChord> = {}): KeyChord => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('editorKeyAction', () => {
  it('runs on Shift+Enter only, as in ADX (Ctrl/Cmd+Enter is “insert line below” there)', () => {
    expect(editorKeyAction(chord('Enter', { shiftKey: true }))).toBe('run');
    expect(editorKeyAction(chord('Enter', { ctrlKey: true }))).toBeNull();
    expect(editorKeyAction(chord('Enter', { metaKey: true }))).toBeNull();
  });

  it('leaves a plain Enter to the text box (a new line)', () => {
    expect(editorKeyAction(chord('Enter'))).toBeNull();
  });

  it('does not treat other chords with Enter as run', () => {
    expect(editorKeyAction(chord('Enter', { altKey: true }))).toBeNull();
  });

  it('cancels on Ctrl/Cmd+Shift+Enter, as in ADX', () => {
    expect(editorKeyAction(chord('Enter', { shiftKey: true, ctrlKey: true }))).toBe('cancel');
    expect(editorKeyAction(chord('Enter', { shiftKey: true, metaKey: true }))).toBe('cancel');
  });

  it('cancels on Escape alone', () => {
    expect(editorKeyAction(chord('Escape'))).toBe('cancel');
    expect(editorKeyAction(chord('Escape', { ctrlKey: true }))).toBeNull();
  });

  it('ignores keys while an IME composes', () => {
    expect(editorKeyAction(chord('Enter', { shiftKey: true, isComposing: true }))).toBeNull();
    expect(editorKeyAction(chord('Escape', { isComposing: true }))).toBeNull();
  });
});

describe('Preview and Recall chords', () => {
  it('previews on Shift+Alt+Enter (Quarry’s chord; ADX has none) and recalls on F8 (ADX’s)', () => {
    expect(editorKeyAction(chord('Enter', { shiftKey: true, altKey: true }))).toBe('preview');
    expect(
      editorKeyAction(chord('Enter', { shiftKey: true, altKey: true, ctrlKey: true })),
    ).toBeNull();
    expect(editorKeyAction(chord('F8'))).toBe('recall');
    // Alt+F8 / Shift+F8 stay the editor's next / previous problem.
    expect(editorKeyAction(chord('F8', { altKey: true }))).toBeNull();
    expect(editorKeyAction(chord('F8', { shiftKey: true }))).toBeNull();
  });
});
