import { useId } from 'react';
import './schema-tree.css';

/** The search box above a schema tree (the label is for screen readers only). */
export function SchemaFilter({
  value,
  onChange,
}: {
  value: string;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        Filter tables and columns
      </label>
      <input
        id={id}
        type="search"
        className="schema-tree__filter"
        placeholder="Filter tables and columns"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  );
}
