import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { DatabaseSchema } from '../../../lib/query/database-schema';
import { useAppInsightsSchema } from '../hooks/use-schema';
import { SchemaFunctions } from './schema-functions';
import { filterNeedle, matchFunctions, matchTables } from '../schema-filter-match';
import { SchemaFilter } from './schema-filter';
import { TableNodeList } from './table-node';
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

  return (
    <section className="schema-tree" aria-label={`Schema of ${database}`}>
      <SchemaFilter value={filter} onChange={setFilter} />
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
  const needle = filterNeedle(filter);
  const tables = useMemo(
    () =>
      matchTables(
        [...schema.tables, ...schema.materializedViews, ...schema.externalTables],
        needle,
      ),
    [schema, needle],
  );
  const functions = useMemo(() => matchFunctions(schema.functions, needle), [schema, needle]);

  if (tables.length === 0 && functions.length === 0) {
    return (
      <p className="schema-tree__note">{needle ? 'Nothing matches the filter.' : 'No tables.'}</p>
    );
  }
  return (
    <>
      <SchemaFunctions functions={functions} onInsert={onInsert} />
      <TableNodeList items={tables} open={needle.length > 0} onInsert={onInsert} />
    </>
  );
}
