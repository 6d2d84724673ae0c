/** A dynamic value as an expandable tree. Every key and value is rendered as text. */
export function JsonTree({ value, name }: { value: unknown; name?: string }) {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value as Record<string, unknown>);
    const summary = Array.isArray(value) ? `[${value.length}]` : `{${entries.length}}`;
    return (
      <details className="json-tree" open>
        <summary>
          {name !== undefined && <span className="json-tree__key">{name}: </span>}
          <span className="json-tree__meta">{summary}</span>
        </summary>
        <ul>
          {entries.map(([key, item]) => (
            <li key={key}>
              <JsonTree value={item} name={key} />
            </li>
          ))}
        </ul>
      </details>
    );
  }
  return (
    <span className="json-tree__leaf">
      {name !== undefined && <span className="json-tree__key">{name}: </span>}
      <span
        className={`json-tree__value json-tree__value--${value === null ? 'null' : typeof value}`}
      >
        {typeof value === 'string' ? JSON.stringify(value) : String(value)}
      </span>
    </span>
  );
}
