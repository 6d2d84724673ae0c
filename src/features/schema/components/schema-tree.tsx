import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import type { DatabaseSchema, TableSchema } from '../../../lib/query/database-schema';
import { useAppInsightsSchema } from '../hooks/use-schema';
import { kustoEntityName } from '../../../lib/kusto/kusto-schema';
import { SchemaFunctions } from './schema-functions';
import { kqlName } from '../../../lib/kql-text/kql-literal';
import './schema-tree.css';

interface SchemaTreeProps {
  schema: UseQueryResult<DatabaseSchema>;
  /** The database or app name, for the accessible label. */
  database: string;
  /** Puts a name into the editor at the cursor. */
  onInsert?(name: string): void;
}

export function AppInsightsSchemaTree(props: {
  endpoint: string;
  appId: string;
  resource: string;
  onInsert?(name: string): void;
}) {
  return (
    <SchemaTree
      schema={useAppInsightsSchema(props.endpoint, props.appId, props.resource)}
      database={props.appId}
      onInsert={props.onInsert}
    />
  );
}

/** Tables (by folder) and their typed columns for one database or app, with a filter. */
export function SchemaTree({ schema, database, onInsert }: SchemaTreeProps) {
  const [filter, setFilter] = useState('');
  const filterId = useId();

  return (
    <section className="schema-tree" aria-label={`Schema of ${database}`}>
      <label htmlFor={filterId} className="visually-hidden">
        Filter tables and columns
      </label>
      <input
        id={filterId}
        type="search"
        className="schema-tree__filter"
        placeholder="Filter tables and columns"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      {schema.isPending && <p className="schema-tree__note">Loading schema…</p>}
      {schema.isError && (
        <p className="schema-tree__note schema-tree__note--error" role="alert">
          Could not load the schema: {schema.error.message}
        </p>
      )}
      {schema.data && <SchemaTables schema={schema.data} filter={filter} onInsert={onInsert} />}
    </section>
  );
}

function SchemaTables({
  schema,
  filter,
  onInsert,
}: {
  schema: DatabaseSchema;
  filter: string;
  onInsert?(name: string): void;
}) {
  const needle = filter.trim().toLowerCase();
  const tables = useMemo(() => {
    const all = [...schema.tables, ...schema.materializedViews, ...schema.externalTables];
    if (!needle) return all.map((table) => ({ table, columns: table.columns }));
    return all
      .map((table) => ({
        table,
        columns: table.name.toLowerCase().includes(needle)
          ? table.columns
          : table.columns.filter((column) => column.name.toLowerCase().includes(needle)),
      }))
      .filter(
        ({ table, columns }) => table.name.toLowerCase().includes(needle) || columns.length > 0,
      );
  }, [schema, needle]);

  const functions = useMemo(
    () =>
      needle
        ? schema.functions.filter((fn) => fn.name.toLowerCase().includes(needle))
        : schema.functions,
    [schema, needle],
  );

  if (tables.length === 0 && functions.length === 0) {
    return (
      <p className="schema-tree__note">{needle ? 'Nothing matches the filter.' : 'No tables.'}</p>
    );
  }
  return (
    <>
      <SchemaFunctions functions={functions} onInsert={onInsert} />
      <ul className="schema-tree__tables">
        {tables.map(({ table, columns }) => (
          <TableNode
            key={table.name}
            table={table}
            columns={columns}
            open={needle.length > 0}
            onInsert={onInsert}
          />
        ))}
      </ul>
    </>
  );
}

/** What a table-like node is called in labels. */
export const ENTITY_LABEL: Record<TableSchema['entityType'], string> = {
  Table: 'table',
  MaterializedView: 'materialized view',
  ExternalTable: 'external table',
};

/**
 * A table (or view, or external table) with its typed columns. A click on a column types its
 * name at the cursor; the Insert button beside the name types the table's.
 */
export function TableNode({
  table,
  columns,
  open,
  onInsert,
  insertText = kqlName(table.name),
}: {
  table: TableSchema;
  columns: TableSchema['columns'];
  open: boolean;
  onInsert?(name: string): void;
  /** What the Insert button types (qualified when the table is in another database). */
  insertText?: string;
}) {
  const kind = ENTITY_LABEL[table.entityType];
  return (
    <li className="schema-tree__node">
      <details
        open={open || undefined}
        aria-label={`${kind[0]!.toUpperCase()}${kind.slice(1)} ${table.name}`}
      >
        <summary title={table.docString ?? undefined}>
          <span className="schema-tree__table">{table.name}</span>
          {table.folder && <span className="schema-tree__folder">{table.folder}</span>}
        </summary>
        <ul className="schema-tree__columns">
          {columns.map((column) => (
            <li key={column.name}>
              <button
                type="button"
                className="schema-tree__column"
                onClick={() => onInsert?.(kustoEntityName(column.name))}
                title={`Insert ${column.name}`}
              >
                <span>{column.name}</span>
                <span className="schema-tree__type">{column.cslType}</span>
              </button>
            </li>
          ))}
        </ul>
      </details>
      {onInsert && (
        <button
          type="button"
          className="schema-tree__insert"
          aria-label={`Insert ${kind} ${table.name}`}
          title={`Insert ${insertText}`}
          onClick={() => onInsert(insertText)}
        >
          Insert
        </button>
      )}
    </li>
  );
}
