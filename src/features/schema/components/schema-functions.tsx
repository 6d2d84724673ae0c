import type { FunctionSchema } from '../../../lib/query/database-schema';
import './schema-functions.css';

/** `StormsInState(state:string)`, `TopStormStates(n:long = 5)`. */
export function functionSignature(fn: FunctionSchema): string {
  const parameters = fn.parameters.map(
    (p) => `${p.name}:${p.cslType}${p.defaultValue !== null ? ` = ${p.defaultValue}` : ''}`,
  );
  return `${fn.name}(${parameters.join(', ')})`;
}

/** What a click types: a call ready to run when no argument is required, else the open call. */
export function functionInsertText(fn: FunctionSchema): string {
  return fn.parameters.every((p) => p.defaultValue !== null) ? `${fn.name}()` : `${fn.name}(`;
}

/**
 * The database's stored functions, with parameters and docstrings. Docstrings are shown as plain
 * text (a text node and a title), never as HTML or Markdown.
 */
export function SchemaFunctions({
  functions,
  onInsert,
  qualify = (call) => call,
}: {
  functions: readonly FunctionSchema[];
  onInsert?(text: string): void;
  /** Makes the call text right for the tab's database (another database's need its name). */
  qualify?: (call: string) => string;
}) {
  if (functions.length === 0) return null;
  return (
    <details className="schema-tree__section" open>
      <summary>Functions ({functions.length})</summary>
      <ul className="schema-tree__columns">
        {functions.map((fn) => (
          <li key={fn.name}>
            <button
              type="button"
              className="schema-tree__column schema-tree__function"
              aria-label={`Insert function ${fn.name}`}
              title={fn.docString ?? functionSignature(fn)}
              onClick={() => onInsert?.(qualify(functionInsertText(fn)))}
            >
              <span>{functionSignature(fn)}</span>
              {fn.folder && <span className="schema-tree__type">{fn.folder}</span>}
            </button>
            {fn.docString && <p className="schema-tree__doc">{fn.docString}</p>}
          </li>
        ))}
      </ul>
    </details>
  );
}
