import { escapeMarkdown, withPlainDocStrings } from './plain-markdown';
import {
  useEffect,
  useEffectEvent,
  useImperativeHandle,
  useRef,
  useState,
  type RefObject,
} from 'react';
import { currentStatement } from './current-statement';
import type { CaretHandoff, QueryEditorProps } from './query-editor-props';
import { getKustoWorker, monaco, onWorkerProblem } from './monaco/monaco-setup';
import { defineQuarryThemes, quarryThemeName } from './monaco/quarry-themes';
import './query-editor.css';

export interface KqlEditorProps extends QueryEditorProps {
  /** The plain box's caret when Monaco replaces it: focus and caret carry over. */
  caretHandoff?: RefObject<CaretHandoff | null>;
}

type CodeEditor = monaco.editor.IStandaloneCodeEditor;

/** An engine schema with no database: what completion knows when the shell has no schema. */
const NO_SCHEMA = {
  clusterType: 'Engine',
  cluster: { connectionString: '', databases: [] },
  database: undefined,
} as const;

function selectionOffsets(editor: CodeEditor, model: monaco.editor.ITextModel) {
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

/**
 * The KQL editor: Monaco with the official Kusto language service (highlighting, completion
 * from the schema, syntax errors, hover docs). Lazy-loaded; `QueryEditor` wraps it with the
 * plain box as its fallback.
 */
export default function KqlEditor({
  value,
  onChange,
  onRun,
  onPreview,
  onRecall,
  onCancel,
  running = false,
  schema,
  errorMarker,
  theme,
  ariaLabel,
  caretHandoff,
  editorRef,
}: KqlEditorProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const runningKey = useRef<monaco.editor.IContextKey<boolean> | null>(null);
  useEffect(() => runningKey.current?.set(running), [running, editor]);

  const emitChange = useEffectEvent((text: string) => {
    if (text !== value) onChange(text);
  });
  const emitRun = useEffectEvent((target: CodeEditor, preview = false) => {
    const model = target.getModel();
    const position = target.getPosition();
    if (!model || !position) return;
    const statement = currentStatement(
      model.getValue(),
      model.getOffsetAt(position),
      selectionOffsets(target, model),
    );
    // Run wins over an open suggestion list (Shift+Enter would otherwise accept an item).
    target.trigger('quarry', 'hideSuggestWidget', null);
    if (statement.text.trim() === '') return;
    if (preview) onPreview?.(statement.text, statement);
    else onRun(statement.text, statement);
  });
  const emitRecall = useEffectEvent(() => onRecall?.());
  const emitCancel = useEffectEvent(() => onCancel());
  const initial = useEffectEvent(() => ({
    value,
    theme,
    ariaLabel,
    handoff: caretHandoff?.current,
  }));

  // Create the editor once; props below are applied by their own effects.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const start = initial();
    defineQuarryThemes();
    const model = monaco.editor.createModel(start.value, 'kusto');
    const created = monaco.editor.create(container, {
      model,
      ariaLabel: start.ariaLabel,
      theme: quarryThemeName(start.theme),
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontFamily: cssFontFamily(container),
      fontSize: 13,
      lineNumbersMinChars: 3,
      tabSize: 4,
      renderLineHighlight: 'line',
      padding: { top: 6 },
      scrollbar: { useShadows: false },
      // Suggest and hover widgets may overflow the editor's box (a short editor).
      fixedOverflowWidgets: true,
      suggest: { showStatusBar: false },
      wordBasedSuggestions: 'off',
    });

    const disposables: monaco.IDisposable[] = [
      created.onDidChangeModelContent(() => emitChange(model.getValue())),
      created.addAction({
        id: 'quarry.run',
        label: 'Run query',
        // ADX binds run to Shift+Enter only; Ctrl/Cmd+Enter stays Monaco's "insert line below".
        keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter],
        run: (target) => emitRun(target as CodeEditor),
      }),
      created.addAction({
        id: 'quarry.preview',
        label: 'Preview query (first 50 rows)',
        keybindings: [monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.Enter],
        run: (target) => emitRun(target as CodeEditor, true),
      }),
      created.addAction({
        id: 'quarry.recall',
        label: 'Recall execution results',
        // ADX's F8; Monaco's "next problem in files" gives way (Alt+F8 still goes to the next).
        keybindings: [monaco.KeyCode.F8],
        run: () => emitRecall(),
      }),
      created.addAction({
        id: 'quarry.cancel-running',
        label: 'Cancel query',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter],
        // Only while a query runs; otherwise the chord keeps Monaco's "insert line above", as ADX.
        precondition: 'quarryQueryRunning',
        run: () => emitCancel(),
      }),
      created.addAction({
        id: 'quarry.cancel',
        label: 'Cancel query',
        keybindings: [monaco.KeyCode.Escape],
        // Esc first closes whatever Monaco has open.
        keybindingContext:
          '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && ' +
          '!markersNavigationVisible && !editorHasMultipleSelections && !renameInputVisible',
        run: () => emitCancel(),
      }),
      { dispose: onWorkerProblem((message) => setProblem(message)) },
    ];

    runningKey.current = created.createContextKey('quarryQueryRunning', false);
    if (start.handoff?.focused) {
      created.focus();
      created.setPosition(model.getPositionAt(start.handoff.offset));
    }
    setEditor(created);

    return () => {
      for (const disposable of disposables) disposable.dispose();
      created.dispose();
      model.dispose();
      setEditor(null);
    };
  }, []);

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

  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model) return;
    let stale = false;
    (async () => {
      // Docstrings reach hovers and completion docs as Markdown: make them plain text first.
      const parsed: unknown = schema
        ? withPlainDocStrings(JSON.parse(schema.showSchemaJson))
        : null;
      const accessor = await getKustoWorker();
      const worker = await accessor(model.uri);
      if (stale) return;
      if (schema) {
        await worker.setSchemaFromShowSchema(parsed, schema.clusterUri, schema.database);
      } else {
        await worker.setSchema(NO_SCHEMA);
      }
      if (!stale) setProblem(null);
    })().catch((error: unknown) => {
      if (stale) return;
      const reason = error instanceof Error ? error.message : String(error);
      setProblem(`Completion has no schema: ${reason}`);
    });
    return () => {
      stale = true;
    };
  }, [editor, schema]);

  useImperativeHandle(
    editorRef,
    () => ({
      insertAtCaret(text: string) {
        const selection = editor?.getSelection();
        if (!editor || !selection) return;
        // Its own undo step, and the caret ends after the inserted text.
        editor.pushUndoStop();
        editor.executeEdits('quarry.insert', [{ range: selection, text, forceMoveMarkers: true }]);
        editor.pushUndoStop();
        editor.focus();
      },
      cursor() {
        const model = editor?.getModel();
        const position = editor?.getPosition();
        if (!editor || !model || !position) return { offset: 0, selection: null };
        return {
          offset: model.getOffsetAt(position),
          selection: selectionOffsets(editor, model),
        };
      },
    }),
    [editor],
  );

  useServerErrorMarker(editor, errorMarker);

  useCurrentStatementHighlight(editor);

  return (
    <div className="kql-editor">
      <div className="kql-editor__surface" ref={containerRef} />
      {problem && (
        <p className="kql-editor__problem" role="status">
          {problem}
        </p>
      )}
    </div>
  );
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
