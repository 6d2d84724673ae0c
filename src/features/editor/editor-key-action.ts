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

/**
 * The Azure Data Explorer web UI's chords: Shift+Enter runs; Esc or Ctrl/Cmd+Shift+Enter cancels.
 * Ctrl/Cmd+Enter does not run (in ADX it inserts a line below), so the text box keeps it.
 */
export function editorKeyAction(chord: KeyChord): EditorKeyAction {
  if (chord.isComposing || chord.altKey) return null;
  const withCtrlOrCmd = chord.ctrlKey || chord.metaKey;
  if (chord.key === 'Enter') {
    if (chord.shiftKey && !withCtrlOrCmd) return 'run';
    if (chord.shiftKey && withCtrlOrCmd) return 'cancel';
    return null;
  }
  if (chord.key === 'Escape' && !chord.shiftKey && !withCtrlOrCmd) {
    return 'cancel';
  }
  return null;
}
