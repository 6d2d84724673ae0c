import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { currentStatement, type Statement } from './current-statement';
import { editorKeyAction } from './editor-key-action';
import type { CaretHandoff, QueryEditorProps } from './query-editor-props';
import './query-editor.css';
import './query-box.css';

interface PlainQueryBoxProps extends QueryEditorProps {
  /** Filled while the box is shown, so the Monaco editor can take over the caret. */
  caretHandoff?: RefObject<CaretHandoff | null>;
}

function offsetOfPosition(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const lf = text.indexOf('\n', offset);
    if (lf === -1) return text.length;
    offset = lf + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/**
 * The fallback query box: a textarea with the editor's keys (Shift+Enter or Ctrl/Cmd+Enter run
 * the statement around the caret, Esc cancels). Shown while Monaco loads and if it cannot.
 */
export function PlainQueryBox({
  value,
  onChange,
  onRun,
  onPreview,
  onRecall,
  onCancel,
  errorMarker,
  ariaLabel,
  caretHandoff,
  editorRef,
}: PlainQueryBoxProps) {
  const boxRef = useRef<HTMLTextAreaElement>(null);

  useImperativeHandle(
    editorRef,
    () => ({
      insertAtCaret(text: string) {
        const box = boxRef.current;
        if (!box) return;
        // Edits the box in place (caret after the text); React then sees the same value.
        box.setRangeText(text, box.selectionStart, box.selectionEnd, 'end');
        onChange(box.value);
        box.focus();
      },
      cursor() {
        const box = boxRef.current;
        if (!box) return { offset: 0, selection: null };
        return {
          offset: box.selectionStart,
          selection:
            box.selectionStart === box.selectionEnd
              ? null
              : { start: box.selectionStart, end: box.selectionEnd },
        };
      },
    }),
    [onChange],
  );

  // A server error moves the caret to its position, as the Monaco editor shows a marker there.
  useEffect(() => {
    const box = boxRef.current;
    if (!box || !errorMarker) return;
    const offset = offsetOfPosition(box.value, errorMarker.line, errorMarker.column);
    box.setSelectionRange(offset, offset);
  }, [errorMarker]);

  // Tells the next editor where the caret was. A layout effect: its cleanup runs while the box
  // is still in the document (and still focused) when Monaco replaces it.
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box || !caretHandoff) return;
    const record = () => {
      caretHandoff.current = {
        focused: document.activeElement === box,
        offset: box.selectionStart,
      };
    };
    const events = ['focus', 'blur', 'select', 'keyup', 'mouseup', 'input'] as const;
    for (const name of events) box.addEventListener(name, record);
    return () => {
      record();
      for (const name of events) box.removeEventListener(name, record);
    };
  }, [caretHandoff]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const action = editorKeyAction({
      key: event.key,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      isComposing: event.nativeEvent.isComposing,
    });
    if (action === 'run' || action === 'preview') {
      event.preventDefault();
      const box = event.currentTarget;
      const statement: Statement = currentStatement(box.value, box.selectionStart, {
        start: box.selectionStart,
        end: box.selectionEnd,
      });
      if (statement.text.trim() === '') return;
      if (action === 'run') onRun(statement.text, statement);
      else onPreview?.(statement.text, statement);
    } else if (action === 'recall' && onRecall) {
      event.preventDefault();
      onRecall();
    } else if (action === 'cancel') {
      onCancel();
    }
  };

  return (
    <textarea
      ref={boxRef}
      className="query-box plain-query-box"
      aria-label={ariaLabel}
      aria-invalid={errorMarker ? true : undefined}
      spellCheck={false}
      autoComplete="off"
      autoCapitalize="off"
      autoCorrect="off"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
