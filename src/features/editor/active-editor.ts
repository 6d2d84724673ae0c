import type { RefObject } from 'react';
import type { QueryEditorHandle } from './query-editor-props';

/**
 * The editor of the visible query tab, for panes outside the tab (the schema tree) that type
 * into it. One page shows one active tab, so one slot; a tab that hides or unmounts clears it
 * only if it is still the one held.
 */
let active: RefObject<QueryEditorHandle | null> | null = null;

export function setActiveEditor(handle: RefObject<QueryEditorHandle | null>): () => void {
  active = handle;
  return () => {
    if (active === handle) active = null;
  };
}

/** Types `text` at the active editor's cursor; false when no editor is there to take it. */
export function insertIntoActiveEditor(text: string): boolean {
  const editor = active?.current;
  if (!editor) return false;
  editor.insertAtCursor(text);
  return true;
}
