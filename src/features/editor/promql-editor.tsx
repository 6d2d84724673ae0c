import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import { promqlDiagnostics } from '../../lib/prometheus';
import { monaco } from './monaco/monaco-setup';
import {
  PROMQL_LANGUAGE,
  registerPromqlLanguage,
  setPromqlCompletionSource,
} from './monaco/promql-language';
import { defineQuarryThemes } from './monaco/quarry-themes';
import {
  addCancelActions,
  createQueryEditor,
  RUNNING_CONTEXT_KEY,
  statementToRun,
  takeCaretHandoff,
  useCurrentStatementHighlight,
  useQueryEditorProps,
  useServerErrorMarker,
  type CodeEditor,
} from './monaco/query-editor-setup';
import type { PromqlCompletionSource } from './promql-completion-source';
import type { CaretHandoff, QueryEditorProps } from './query-editor-props';
import './query-editor.css';

export interface PromqlEditorProps extends Omit<QueryEditorProps, 'schema'> {
  completion: PromqlCompletionSource | null;
  caretHandoff?: RefObject<CaretHandoff | null>;
}

/** Owner of the grammar's markers on a model. */
const SYNTAX_OWNER = 'promql-syntax';

/**
 * The PromQL editor: Monaco with the `promql` language (colouring, completion of metric names,
 * label names and values from the endpoint) and syntax errors from the Prometheus grammar as
 * markers, at their position, while typing. Same keys as the KQL editor. Lazy-loaded.
 */
export default function PromqlEditor({
  value,
  onChange,
  onRun,
  onCancel,
  running = false,
  completion,
  errorMarker,
  theme,
  ariaLabel,
  caretHandoff,
}: PromqlEditorProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  const runningKey = useRef<monaco.editor.IContextKey<boolean> | null>(null);
  useEffect(() => runningKey.current?.set(running), [running, editor]);

  const emitChange = useEffectEvent((text: string) => {
    if (text !== value) onChange(text);
  });
  const emitRun = useEffectEvent((target: CodeEditor) => {
    const statement = statementToRun(target);
    if (statement) onRun(statement.text, statement);
  });
  const emitCancel = useEffectEvent(() => onCancel());
  const initial = useEffectEvent(() => ({
    value,
    theme,
    ariaLabel,
    handoff: caretHandoff?.current,
  }));

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const start = initial();
    defineQuarryThemes();
    registerPromqlLanguage();
    const model = monaco.editor.createModel(start.value, PROMQL_LANGUAGE);
    const created = createQueryEditor(container, model, {
      ariaLabel: start.ariaLabel,
      theme: start.theme,
      tabSize: 2,
    });

    const validate = () => {
      const diagnostics = promqlDiagnostics(model.getValue());
      monaco.editor.setModelMarkers(
        model,
        SYNTAX_OWNER,
        diagnostics.map((d) => {
          const from = model.getPositionAt(d.from);
          const to = model.getPositionAt(d.to);
          return {
            severity: monaco.MarkerSeverity.Error,
            message: `${d.message} (line ${d.line}, column ${d.column})`,
            startLineNumber: from.lineNumber,
            startColumn: from.column,
            endLineNumber: to.lineNumber,
            endColumn: to.column,
            source: 'PromQL',
          };
        }),
      );
    };
    let timer: number | undefined;
    validate();

    const disposables: monaco.IDisposable[] = [
      created.onDidChangeModelContent(() => {
        emitChange(model.getValue());
        window.clearTimeout(timer);
        timer = window.setTimeout(validate, 150);
      }),
      created.addAction({
        id: 'quarry.run',
        label: 'Run query',
        keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter],
        run: (target) => emitRun(target as CodeEditor),
      }),
      ...addCancelActions(created, () => emitCancel()),
    ];
    runningKey.current = created.createContextKey(RUNNING_CONTEXT_KEY, false);
    takeCaretHandoff(created, model, start.handoff);
    setEditor(created);

    return () => {
      window.clearTimeout(timer);
      for (const disposable of disposables) disposable.dispose();
      setPromqlCompletionSource(model, null);
      created.dispose();
      model.dispose();
      setEditor(null);
    };
  }, []);

  useQueryEditorProps(editor, { value, ariaLabel, theme });

  useEffect(() => {
    const model = editor?.getModel();
    if (model) setPromqlCompletionSource(model, completion);
  }, [editor, completion]);

  useServerErrorMarker(editor, errorMarker);
  useCurrentStatementHighlight(editor);

  return (
    <div className="kql-editor promql-editor">
      <div className="kql-editor__surface" ref={containerRef} />
    </div>
  );
}
