/**
 * Keyboard shortcuts, as the Azure Data Explorer web UI documents them
 * (web-ui-query-keyboard-shortcuts.md), for the actions Quarry has. Listed in the `?` overlay;
 * README's "Keyboard shortcuts" table says the same.
 */
export interface Shortcut {
  action: string;
  windows: string;
  mac: string;
  /** Who handles it: Quarry's own binding, or the Monaco editor's built-in one. */
  by: 'Quarry' | 'Editor';
  /** Where Quarry differs from ADX's list. */
  note?: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    action: 'Run query (the statement at the cursor, or the selection)',
    windows: 'Shift+Enter',
    mac: 'Shift+Enter',
    by: 'Quarry',
  },
  {
    action: 'Cancel query',
    windows: 'Ctrl+Shift+Enter or Esc',
    mac: '⌘+Shift+Enter or Esc',
    by: 'Quarry',
  },
  {
    action: 'Preview: run the statement for its first 50 rows',
    windows: 'Shift+Alt+Enter',
    mac: 'Shift+Option+Enter',
    by: 'Quarry',
    note: 'Quarry’s chord: ADX offers Preview from the Run button’s menu, with no key.',
  },
  {
    action: 'Recall execution results (earlier results of this tab, not re-run)',
    windows: 'F8',
    mac: 'F8',
    by: 'Quarry',
    note: 'Monaco’s “next problem in files” gives way, as in ADX.',
  },
  { action: 'Add new tab', windows: 'Ctrl+J', mac: '⌘+J', by: 'Quarry' },
  { action: 'Switch to tab on the left', windows: 'Ctrl+Alt+[', mac: '⌘+Option+[', by: 'Quarry' },
  { action: 'Switch to tab on the right', windows: 'Ctrl+Alt+]', mac: '⌘+Option+]', by: 'Quarry' },
  {
    action: 'Reopen closed tab',
    windows: 'Ctrl+Shift+Alt+T',
    mac: '⌘+Shift+Option+T',
    by: 'Quarry',
  },
  {
    action: 'Copy query link to clipboard',
    windows: 'Shift+Alt+L',
    mac: 'Shift+Option+L',
    by: 'Quarry',
  },
  {
    action: 'Copy query, link and results for a report (rich text)',
    windows: 'Ctrl+Shift+C',
    mac: '⌘+Shift+C',
    by: 'Quarry',
    note: 'Kusto.Explorer’s shortcut (not in ADX’s list); taken over from the browser’s inspector while Quarry has focus.',
  },
  {
    action: 'Add selection as a filter (result grid; with Alt: exclude it)',
    windows: 'Ctrl+Shift+Space',
    mac: '⌘+Shift+Space',
    by: 'Quarry',
    note: 'Alt (exclude) is Quarry’s; Shift+F10 or the menu key opens the cell menu.',
  },
  {
    action: 'Show this list of shortcuts',
    windows: '?',
    mac: '?',
    by: 'Quarry',
    note: 'Quarry only (outside the editor and text boxes).',
  },
  { action: 'Toggle line(s) comment', windows: 'Ctrl+/', mac: '⌘+/', by: 'Editor' },
  { action: 'Find', windows: 'Ctrl+F', mac: '⌘+F', by: 'Editor' },
  {
    action: 'Find and replace',
    windows: 'Ctrl+H',
    mac: '⌘+Option+F',
    by: 'Editor',
    note: 'Not in ADX’s list; Monaco’s binding.',
  },
  { action: 'Format all', windows: 'Shift+Alt+F', mac: 'Shift+Option+F', by: 'Editor' },
  { action: 'Format selection', windows: 'Ctrl+K Ctrl+F', mac: '⌘+K ⌘+F', by: 'Editor' },
  {
    action: 'Copy line(s) down (duplicate)',
    windows: 'Shift+Alt+DownArrow',
    mac: 'Shift+Option+DownArrow',
    by: 'Editor',
  },
  {
    action: 'Copy line(s) up',
    windows: 'Shift+Alt+UpArrow',
    mac: 'Shift+Option+UpArrow',
    by: 'Editor',
  },
  { action: 'Move line down', windows: 'Alt+DownArrow', mac: 'Option+DownArrow', by: 'Editor' },
  { action: 'Move line up', windows: 'Alt+UpArrow', mac: 'Option+UpArrow', by: 'Editor' },
  { action: 'Insert line below', windows: 'Ctrl+Enter', mac: '⌘+Enter', by: 'Editor' },
  {
    action: 'Insert line above',
    windows: 'Ctrl+Shift+Enter',
    mac: '⌘+Shift+Enter',
    by: 'Editor',
    note: 'While a query runs, the chord cancels it instead.',
  },
  { action: 'Show command palette', windows: 'F1', mac: 'F1', by: 'Editor' },
  { action: 'Go to line', windows: 'Ctrl+G', mac: 'Ctrl+G', by: 'Editor' },
  { action: 'Go to next problem', windows: 'Alt+F8', mac: 'Option+F8', by: 'Editor' },
  { action: 'Go to previous problem', windows: 'Shift+F8', mac: 'Option+Shift+F8', by: 'Editor' },
  {
    action: 'Fold / Unfold',
    windows: 'Ctrl+Shift+[ / Ctrl+Shift+]',
    mac: '⌘+Option+[ / ⌘+Option+]',
    by: 'Editor',
  },
  {
    action: 'Fold all / Unfold all',
    windows: 'Ctrl+K Ctrl+0 / Ctrl+K Ctrl+J',
    mac: '⌘+K ⌘+0 / ⌘+K ⌘+J',
    by: 'Editor',
  },
  { action: 'Show editor context menu', windows: 'Shift+F10', mac: 'Shift+F10', by: 'Editor' },
];

/** Which workspace action a key event asks for, if any (outside IME composition). */
export type WorkspaceShortcut = 'new-tab' | 'previous-tab' | 'next-tab' | 'reopen-tab' | 'help';

export interface ShortcutEvent {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
}

/** Codes, not keys: Option/Alt changes `key` on a Mac (Option+[ is “), the physical key stays. */
export function workspaceShortcut(
  event: ShortcutEvent,
  inTextField: boolean,
): WorkspaceShortcut | null {
  if (event.isComposing) return null;
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.altKey && !event.shiftKey && event.code === 'KeyJ') return 'new-tab';
  if (mod && event.altKey && !event.shiftKey && event.code === 'BracketLeft') return 'previous-tab';
  if (mod && event.altKey && !event.shiftKey && event.code === 'BracketRight') return 'next-tab';
  if (mod && event.altKey && event.shiftKey && event.code === 'KeyT') return 'reopen-tab';
  if (!inTextField && event.key === '?' && !mod && !event.altKey) return 'help';
  return null;
}

/** Shift+Alt+L (Shift+Option+L): copy the query's link. */
export function isCopyLinkShortcut(event: ShortcutEvent): boolean {
  return (
    !event.isComposing &&
    event.shiftKey &&
    event.altKey &&
    !event.ctrlKey &&
    !event.metaKey &&
    event.code === 'KeyL'
  );
}

/**
 * Ctrl+Shift+C (⌘+Shift+C): Kusto.Explorer's "copy query, link and results as rich text". Neither
 * Monaco nor the grid binds it; Chromium's own binding (the element inspector) is prevented by the
 * handler while the page has focus.
 */
export function isCopyReportShortcut(event: ShortcutEvent): boolean {
  return (
    !event.isComposing &&
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey &&
    !event.altKey &&
    event.code === 'KeyC'
  );
}

/** F8 alone: Recall (ADX's "Recall execution results"). */
export function isRecallShortcut(event: ShortcutEvent): boolean {
  return (
    !event.isComposing &&
    event.key === 'F8' &&
    !event.shiftKey &&
    !event.altKey &&
    !event.ctrlKey &&
    !event.metaKey
  );
}

/** Whether keys typed at `target` are text (then `?` is a character, not the overlay). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement &&
      !['button', 'checkbox', 'radio', 'submit'].includes(target.type))
  );
}
