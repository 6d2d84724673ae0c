export type EditorKeyAction = 'run' | 'preview' | 'recall' | 'cancel' | null;

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
  if (chord.isComposing) return null;
  const withCtrlOrCmd = chord.ctrlKey || chord.metaKey;
  // Quarry's Preview chord (ADX has none): Shift+Alt+Enter.
  if (chord.altKey)
    return chord.key === 'Enter' && chord.shiftKey && !withCtrlOrCmd ? 'preview' : null;
  if (chord.key === 'F8' && !chord.shiftKey && !withCtrlOrCmd) return 'recall';
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
