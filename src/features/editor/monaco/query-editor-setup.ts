/**
 * What the KQL and PromQL Monaco editors set up alike: the editor's options, the statement a
 * Run sends, the cancel keys, the caret handed over by the plain box, the props kept in sync
 * after creation, and the current-statement bar and server-error squiggle.
 */
import { useEffect } from 'react';
import { currentStatement, type Statement, type TextSelection } from '../current-statement';
import { escapeMarkdown } from '../plain-markdown';
import type { CaretHandoff, QueryEditorProps } from '../query-editor-props';
import { monaco } from './monaco-setup';
import { quarryThemeName } from './quarry-themes';

export type CodeEditor = monaco.editor.IStandaloneCodeEditor;

/** The editor's selection as text offsets, or null when nothing is selected. */
export function selectionOffsets(
  editor: CodeEditor,
  model: monaco.editor.ITextModel,
): TextSelection | null {
  const selection = editor.getSelection();
  if (!selection || selection.isEmpty()) return null;
  return {
    start: model.getOffsetAt(selection.getStartPosition()),
    end: model.getOffsetAt(selection.getEndPosition()),
  };
}

function cssFontFamily(element: Element): string | undefined {
  const value = getComputedStyle(element).getPropertyValue('--font-mono').trim();
  return value === '' ? undefined : value;
}

/** A query editor on `model` in `container`, looking the same in every language. */
export function createQueryEditor(
  container: HTMLElement,
  model: monaco.editor.ITextModel,
  options: { ariaLabel: string; theme: QueryEditorProps['theme']; tabSize: number },
): CodeEditor {
  return monaco.editor.create(container, {
    model,
    ariaLabel: options.ariaLabel,
    theme: quarryThemeName(options.theme),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontFamily: cssFontFamily(container),
    fontSize: 13,
    lineNumbersMinChars: 3,
    tabSize: options.tabSize,
    renderLineHighlight: 'line',
    padding: { top: 6 },
    scrollbar: { useShadows: false },
    // Suggest and hover widgets may overflow the editor's box (a short editor).
    fixedOverflowWidgets: true,
    suggest: { showStatusBar: false },
    wordBasedSuggestions: 'off',
  });
}

/**
 * The statement a Run (or Preview) sends from `target`: the selection or the block at the caret;
 * null when there is none or it is blank. Closes an open suggestion list either way, so Run wins
 * over it (Shift+Enter would otherwise accept an item).
 */
export function statementToRun(target: CodeEditor): Statement | null {
  const model = target.getModel();
  const position = target.getPosition();
  if (!model || !position) return null;
  const statement = currentStatement(
    model.getValue(),
    model.getOffsetAt(position),
    selectionOffsets(target, model),
  );
  target.trigger('quarry', 'hideSuggestWidget', null);
  return statement.text.trim() === '' ? null : statement;
}

/** The context key that is true while a query of the tab runs (see the cancel chord). */
export const RUNNING_CONTEXT_KEY = 'quarryQueryRunning';

/** Ctrl/Cmd+Shift+Enter (while a query runs) and Esc cancel, as in ADX. */
export function addCancelActions(editor: CodeEditor, cancel: () => void): monaco.IDisposable[] {
  return [
    editor.addAction({
      id: 'quarry.cancel-running',
      label: 'Cancel query',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter],
      // Only while a query runs; otherwise the chord keeps Monaco's "insert line above", as ADX.
      precondition: RUNNING_CONTEXT_KEY,
      run: () => cancel(),
    }),
    editor.addAction({
      id: 'quarry.cancel',
      label: 'Cancel query',
      keybindings: [monaco.KeyCode.Escape],
      // Esc first closes whatever Monaco has open.
      keybindingContext:
        '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && ' +
        '!markersNavigationVisible && !editorHasMultipleSelections && !renameInputVisible',
      run: () => cancel(),
    }),
  ];
}

/** Focus and caret carry over from the plain box the editor replaces. */
export function takeCaretHandoff(
  editor: CodeEditor,
  model: monaco.editor.ITextModel,
  handoff: CaretHandoff | null | undefined,
): void {
  if (!handoff?.focused) return;
  editor.focus();
  editor.setPosition(model.getPositionAt(handoff.offset));
}

/** Keeps the created editor in step with the shell's value, accessible name and theme. */
export function useQueryEditorProps(
  editor: CodeEditor | null,
  { value, ariaLabel, theme }: Pick<QueryEditorProps, 'value' | 'ariaLabel' | 'theme'>,
) {
  // The shell's value wins when it differs (a loaded query, a reset); kept in the undo stack.
  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === value) return;
    editor.pushUndoStop();
    editor.executeEdits('quarry', [{ range: model.getFullModelRange(), text: value }]);
    editor.pushUndoStop();
  }, [editor, value]);

  useEffect(() => {
    editor?.updateOptions({ ariaLabel });
  }, [editor, ariaLabel]);

  useEffect(() => {
    if (editor) monaco.editor.setTheme(quarryThemeName(theme));
  }, [editor, theme]);
}

/** A bar in the gutter beside the lines a Run would send. */
export function useCurrentStatementHighlight(editor: CodeEditor | null) {
  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model) return;
    const decorations = editor.createDecorationsCollection();
    const update = () => {
      const position = editor.getPosition();
      if (!position) return decorations.clear();
      const text = model.getValue();
      const statement = currentStatement(
        text,
        model.getOffsetAt(position),
        selectionOffsets(editor, model),
      );
      if (statement.text.trim() === '') return decorations.clear();
      const end = model.getPositionAt(statement.startOffset + statement.text.length);
      decorations.set([
        {
          range: new monaco.Range(statement.startLine, 1, end.lineNumber, 1),
          options: { isWholeLine: true, linesDecorationsClassName: 'kql-editor__statement-bar' },
        },
      ]);
    };
    update();
    const subscriptions = [
      editor.onDidChangeCursorSelection(update),
      editor.onDidChangeModelContent(update),
    ];
    return () => {
      for (const subscription of subscriptions) subscription.dispose();
      decorations.clear();
    };
  }, [editor]);
}

/** Text shown as Markdown by Monaco's hover, escaped so a server message stays plain text. */
function plainMarkdown(text: string): monaco.IMarkdownString {
  return { value: escapeMarkdown(text), supportHtml: false };
}

/**
 * The server's error position as a squiggle with the message on hover. A decoration, not a
 * Monaco marker: monaco-kusto's validation removes every `squiggly-error` decoration on each
 * pass, which would wipe a marker's squiggle a moment after it appears.
 */
export function useServerErrorMarker(
  editor: CodeEditor | null,
  errorMarker: QueryEditorProps['errorMarker'],
) {
  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model || !errorMarker) return;
    const line = Math.min(Math.max(1, errorMarker.line), model.getLineCount());
    const column = Math.min(Math.max(1, errorMarker.column), model.getLineMaxColumn(line));
    const word = model.getWordAtPosition({ lineNumber: line, column });
    const endColumn = word?.endColumn ?? Math.min(column + 1, model.getLineMaxColumn(line));
    const decorations = editor.createDecorationsCollection([
      {
        range: new monaco.Range(line, word?.startColumn ?? column, line, endColumn),
        options: {
          inlineClassName: 'kql-editor__server-error',
          hoverMessage: plainMarkdown(errorMarker.message),
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
          overviewRuler: {
            color: '#e5484d',
            position: monaco.editor.OverviewRulerLane.Right,
          },
        },
      },
    ]);
    editor.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
    return () => decorations.clear();
  }, [editor, errorMarker]);
}
