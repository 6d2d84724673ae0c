export type EditorKeyAction = 'run' | 'cancel' | null;

export interface KeyChord {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** An IME composition is in progress: its Enter/Escape belong to the IME. */
  isComposing?: boolean;
}

/** Shift+Enter and Ctrl/Cmd+Enter run, Esc cancels (the same chords as the Monaco editor's). */
export function editorKeyAction(chord: KeyChord): EditorKeyAction {
  if (chord.isComposing || chord.altKey) return null;
  if (chord.key === 'Enter') {
    const withCtrlOrCmd = chord.ctrlKey || chord.metaKey;
    if (chord.shiftKey && !withCtrlOrCmd) return 'run';
    if (withCtrlOrCmd && !chord.shiftKey) return 'run';
    return null;
  }
  if (chord.key === 'Escape' && !chord.shiftKey && !chord.ctrlKey && !chord.metaKey) {
    return 'cancel';
  }
  return null;
}
