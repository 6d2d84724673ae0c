import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import { promqlDiagnostics } from '../../lib/prometheus';
import { currentStatement } from './current-statement';
import { useCurrentStatementHighlight, useServerErrorMarker } from './kql-editor';
import { monaco } from './monaco/monaco-setup';
import {
  PROMQL_LANGUAGE,
  registerPromqlLanguage,
  setPromqlCompletionSource,
} from './monaco/promql-language';
import { defineQuarryThemes, quarryThemeName } from './monaco/quarry-themes';
import type { PromqlCompletionSource } from './promql-completion-source';
import type { CaretHandoff, QueryEditorProps } from './query-editor-props';
import './query-editor.css';

export interface PromqlEditorProps extends Omit<QueryEditorProps, 'schema'> {
  completion: PromqlCompletionSource | null;
  caretHandoff?: RefObject<CaretHandoff | null>;
}

type CodeEditor = monaco.editor.IStandaloneCodeEditor;

/** Owner of the grammar's markers on a model. */
const SYNTAX_OWNER = 'promql-syntax';

function cssFontFamily(element: Element): string | undefined {
  const value = getComputedStyle(element).getPropertyValue('--font-mono').trim();
  return value === '' ? undefined : value;
}

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
    const model = target.getModel();
    const position = target.getPosition();
    if (!model || !position) return;
    const selection = target.getSelection();
    const selected =
      selection && !selection.isEmpty()
        ? {
            start: model.getOffsetAt(selection.getStartPosition()),
            end: model.getOffsetAt(selection.getEndPosition()),
          }
        : null;
    const statement = currentStatement(model.getValue(), model.getOffsetAt(position), selected);
    target.trigger('quarry', 'hideSuggestWidget', null);
    if (statement.text.trim() !== '') onRun(statement.text, statement);
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
      tabSize: 2,
      renderLineHighlight: 'line',
      padding: { top: 6 },
      scrollbar: { useShadows: false },
      fixedOverflowWidgets: true,
      suggest: { showStatusBar: false },
      wordBasedSuggestions: 'off',
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
      created.addAction({
        id: 'quarry.cancel-running',
        label: 'Cancel query',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter],
        precondition: 'quarryQueryRunning',
        run: () => emitCancel(),
      }),
      created.addAction({
        id: 'quarry.cancel',
        label: 'Cancel query',
        keybindings: [monaco.KeyCode.Escape],
        keybindingContext:
          '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && ' +
          '!markersNavigationVisible && !editorHasMultipleSelections && !renameInputVisible',
        run: () => emitCancel(),
      }),
    ];
    runningKey.current = created.createContextKey('quarryQueryRunning', false);
    if (start.handoff?.focused) {
      created.focus();
      created.setPosition(model.getPositionAt(start.handoff.offset));
    }
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

  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === value) return;
    editor.pushUndoStop();
    editor.executeEdits('quarry', [{ range: model.getFullModelRange(), text: value }]);
    editor.pushUndoStop();
  }, [editor, value]);

  useEffect(() => {
    const model = editor?.getModel();
    if (model) setPromqlCompletionSource(model, completion);
  }, [editor, completion]);

  useEffect(() => {
    editor?.updateOptions({ ariaLabel });
  }, [editor, ariaLabel]);

  useEffect(() => {
    if (editor) monaco.editor.setTheme(quarryThemeName(theme));
  }, [editor, theme]);

  useServerErrorMarker(editor, errorMarker);
  useCurrentStatementHighlight(editor);

  return (
    <div className="kql-editor promql-editor">
      <div className="kql-editor__surface" ref={containerRef} />
    </div>
  );
}
