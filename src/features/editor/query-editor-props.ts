import type { Ref } from 'react';
import type { Statement, TextSelection } from './current-statement';

/** What the shell hands to either editor (Monaco or the plain box). */
export interface QueryEditorProps {
  value: string;
  onChange(value: string): void;
  /**
   * Run the current statement (the block around the cursor, blocks split by blank lines) or the
   * selection. `statement` says where the text sits in the editor, so a server error position
   * (relative to the text sent) can be mapped back with `statementPositionToDocument`.
   */
  onRun(statementText: string, statement: Statement): void;
  /** Preview (Shift+Alt+Enter): the same statement, run for its first 50 rows. */
  onPreview?(statementText: string, statement: Statement): void;
  /** Recall (F8): the tab's earlier results. */
  onRecall?(): void;
  onCancel(): void;
  /** A query of this tab runs: Ctrl/Cmd+Shift+Enter then cancels it (else it inserts a line above). */
  running?: boolean;
  /** `.show database X schema as json` payload as text (the DatabaseSchema cell), with the cluster URL and db. */
  schema: { showSchemaJson: string; clusterUri: string; database: string } | null;
  /** A server error's position in the whole editor text (1-based) → a marker. */
  errorMarker: { line: number; column: number; message: string } | null;
  theme: 'light' | 'dark';
  /** Accessible name of the text box, e.g. "Query editor". */
  ariaLabel: string;
  /** What others may do to the editor (the schema tree inserts names at the caret). */
  editorRef?: Ref<QueryEditorHandle>;
}

/** The editor's handle, whichever editor (Monaco or the plain box) is showing. */
export interface QueryEditorHandle {
  /** Replaces the selection (or inserts at the caret) with `text`, then focuses the editor. */
  insertAtCaret(text: string): void;
  /** Where the caret and selection are: a filter from the grid goes to the statement there. */
  cursor(): { offset: number; selection: TextSelection | null };
}

/** The plain box's caret, so the Monaco editor can take over focus and caret when it mounts. */
export interface CaretHandoff {
  focused: boolean;
  offset: number;
}
