import { withPlainDocStrings } from './plain-markdown';
import {
  useEffect,
  useEffectEvent,
  useImperativeHandle,
  useRef,
  useState,
  type RefObject,
} from 'react';
import type { CaretHandoff, QueryEditorProps } from './query-editor-props';
import { getKustoWorker, monaco, onWorkerProblem } from './monaco/monaco-setup';
import { defineQuarryThemes } from './monaco/quarry-themes';
import {
  addCancelActions,
  createQueryEditor,
  RUNNING_CONTEXT_KEY,
  selectionOffsets,
  statementToRun,
  takeCaretHandoff,
  useCurrentStatementHighlight,
  useQueryEditorProps,
  useServerErrorMarker,
  type CodeEditor,
} from './monaco/query-editor-setup';
import './query-editor.css';

export interface KqlEditorProps extends QueryEditorProps {
  /** The plain box's caret when Monaco replaces it: focus and caret carry over. */
  caretHandoff?: RefObject<CaretHandoff | null>;
}

/** An engine schema with no database: what completion knows when the shell has no schema. */
const NO_SCHEMA = {
  clusterType: 'Engine',
  cluster: { connectionString: '', databases: [] },
  database: undefined,
} as const;

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
    const statement = statementToRun(target);
    if (!statement) return;
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
    const created = createQueryEditor(container, model, {
      ariaLabel: start.ariaLabel,
      theme: start.theme,
      tabSize: 4,
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
      ...addCancelActions(created, () => emitCancel()),
      { dispose: onWorkerProblem((message) => setProblem(message)) },
    ];

    runningKey.current = created.createContextKey(RUNNING_CONTEXT_KEY, false);
    takeCaretHandoff(created, model, start.handoff);
    setEditor(created);

    return () => {
      for (const disposable of disposables) disposable.dispose();
      created.dispose();
      model.dispose();
      setEditor(null);
    };
  }, []);

  useQueryEditorProps(editor, { value, ariaLabel, theme });

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
