import { useState } from 'react';
import './json-tree.css';

/**
 * A dynamic value as an expandable tree. Every key and value is rendered as text.
 *
 * A server decides how big and deep the value is, so the tree renders lazily: the top two levels
 * are open (at most PAGE_SIZE² entries), a deeper branch's children are rendered when it is
 * opened, a branch shows its first
 * `PAGE_SIZE` entries with "Show more", and a long string its first `MAX_STRING_CHARS`
 * characters. A million-entry array or a 10,000-level nesting costs what is on screen.
 */
export const PAGE_SIZE = 100;
export const MAX_STRING_CHARS = 2_000;
/** Branches at this depth and deeper start closed. */
const OPEN_DEPTH = 2;

export function JsonTree({ value, name }: { value: unknown; name?: string }) {
  return <JsonNode value={value} name={name} depth={0} />;
}

function JsonNode({ value, name, depth }: { value: unknown; name?: string; depth: number }) {
  if (value !== null && typeof value === 'object') {
    return <JsonBranch value={value} name={name} depth={depth} />;
  }
  return (
    <span className="json-tree__leaf">
      {name !== undefined && <span className="json-tree__key">{name}: </span>}
      <span
        className={`json-tree__value json-tree__value--${value === null ? 'null' : typeof value}`}
      >
        {typeof value === 'string' ? <LongText text={JSON.stringify(value)} /> : String(value)}
      </span>
    </span>
  );
}

function JsonBranch({ value, name, depth }: { value: object; name?: string; depth: number }) {
  const [open, setOpen] = useState(depth < OPEN_DEPTH);
  const [shown, setShown] = useState(PAGE_SIZE);
  const isArray = Array.isArray(value);
  const size = isArray ? value.length : Object.keys(value).length;
  const summary = isArray ? `[${size}]` : `{${size}}`;
  return (
    <details
      className="json-tree"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        {name !== undefined && <span className="json-tree__key">{name}: </span>}
        <span className="json-tree__meta">{summary}</span>
      </summary>
      {open && (
        <ul>
          {entriesOf(value, shown).map(([key, item]) => (
            <li key={key}>
              <JsonNode value={item} name={key} depth={depth + 1} />
            </li>
          ))}
          {size > shown && (
            <li>
              <button
                type="button"
                className="button json-tree__more"
                onClick={() => setShown((n) => n + PAGE_SIZE)}
              >
                Show {Math.min(PAGE_SIZE, size - shown)} more ({size - shown} not shown)
              </button>
            </li>
          )}
        </ul>
      )}
    </details>
  );
}

/** The first `limit` entries, without copying a huge array or object whole. */
function entriesOf(value: object, limit: number): (readonly [string, unknown])[] {
  if (Array.isArray(value)) {
    return value.slice(0, limit).map((item, index) => [String(index), item] as const);
  }
  const entries: (readonly [string, unknown])[] = [];
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (entries.length >= limit) break;
    entries.push([key, (value as Record<string, unknown>)[key]] as const);
  }
  return entries;
}

function LongText({ text }: { text: string }) {
  const [whole, setWhole] = useState(false);
  if (whole || text.length <= MAX_STRING_CHARS) return <>{text}</>;
  return (
    <>
      {text.slice(0, MAX_STRING_CHARS)}…{' '}
      <button type="button" className="button json-tree__more" onClick={() => setWhole(true)}>
        Show all {text.length.toLocaleString('en-US')} characters
      </button>
    </>
  );
}
