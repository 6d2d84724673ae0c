import { useMemo, useState, type ReactNode } from 'react';
import type { KustoDatabaseInfo } from '../../../lib/kusto/kusto-schema';
import type { DatabaseSchema } from '../../../lib/query/database-schema';
import { useDatabases, useDatabaseSchema } from '../hooks/use-schema';
import { databaseReference, entityInsertText, functionCallInsertText } from '../schema-insert-text';
import { SchemaFunctions } from './schema-functions';
import {
  filterNeedle,
  matchFunctions,
  matchTables,
  type MatchedTable,
} from '../schema-filter-match';
import { SchemaFilter } from './schema-filter';
import { TableNodeList } from './table-node';
import './kusto-cluster-tree.css';

interface KustoClusterTreeProps {
  clusterUrl: string;
  /** The tab's database: marked current, open, and what bare names refer to. */
  database: string;
  /** Puts text into the editor at the cursor. */
  onInsert?(text: string): void;
  /** Connects the tab to another database of this cluster (as the connection picker does). */
  onUseDatabase?(database: string): void;
}

/**
 * Cluster → databases (`.show databases`) → tables, materialized views, external tables and
 * functions. A database's schema is fetched only when its node is first opened (the tab's own
 * database is open from the start, and shares its cached schema with the editor).
 */
export function KustoClusterTree({
  clusterUrl,
  database,
  onInsert,
  onUseDatabase,
}: KustoClusterTreeProps) {
  const [filter, setFilter] = useState('');
  const databases = useDatabases(clusterUrl);
  const host = useMemo(() => hostOf(clusterUrl), [clusterUrl]);
  // Which databases the user has opened, so a switch of database keeps them open.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set([database]));
  // A newly chosen database opens (adjusting state while rendering, as React advises).
  const [openedFor, setOpenedFor] = useState(database);
  if (openedFor !== database) {
    setOpenedFor(database);
    setExpanded((open) => (open.has(database) ? open : new Set(open).add(database)));
  }
  const setOpen = (name: string, open: boolean) =>
    setExpanded((current) => {
      if (current.has(name) === open) return current;
      const next = new Set(current);
      if (open) next.add(name);
      else next.delete(name);
      return next;
    });

  // The tab's database is listed even when `.show databases` fails or leaves it out.
  const listed = useMemo(() => {
    const all: KustoDatabaseInfo[] = [...(databases.data ?? [])];
    if (!all.some((db) => db.name.toLowerCase() === database.toLowerCase()))
      all.push({ name: database, prettyName: null, accessMode: null });
    return all.sort((a, b) => a.name.localeCompare(b.name));
  }, [databases.data, database]);

  return (
    <section className="schema-tree" aria-label={`Schema of ${host}`}>
      <SchemaFilter value={filter} onChange={setFilter} />
      <details className="schema-cluster" open>
        <summary title={clusterUrl}>
          <span className="schema-cluster__host">{host}</span>
          {databases.data && (
            <span className="schema-tree__folder">
              {databases.data.length} {databases.data.length === 1 ? 'database' : 'databases'}
            </span>
          )}
        </summary>
        {databases.isPending && <p className="schema-tree__note">Loading databases…</p>}
        {databases.isError && (
          <p className="schema-tree__note schema-tree__note--error" role="alert">
            Could not list the databases: {databases.error.message}
          </p>
        )}
        <ul className="schema-cluster__databases">
          {listed.map((db) => (
            <DatabaseNode
              key={db.name}
              clusterUrl={clusterUrl}
              info={db}
              current={db.name.toLowerCase() === database.toLowerCase()}
              currentDatabase={database}
              open={expanded.has(db.name)}
              onOpenChange={(open) => setOpen(db.name, open)}
              filter={filter}
              onInsert={onInsert}
              onUseDatabase={onUseDatabase}
            />
          ))}
        </ul>
      </details>
    </section>
  );
}

function hostOf(clusterUrl: string): string {
  try {
    return new URL(clusterUrl).host;
  } catch {
    return clusterUrl;
  }
}

function DatabaseNode({
  clusterUrl,
  info,
  current,
  currentDatabase,
  open,
  onOpenChange,
  filter,
  onInsert,
  onUseDatabase,
}: {
  clusterUrl: string;
  info: KustoDatabaseInfo;
  current: boolean;
  currentDatabase: string;
  open: boolean;
  onOpenChange(open: boolean): void;
  filter: string;
  onInsert?(text: string): void;
  onUseDatabase?(database: string): void;
}) {
  const use = () => {
    if (!current) onUseDatabase?.(info.name);
  };
  return (
    <li className="schema-tree__node schema-database">
      <details
        open={open}
        aria-label={`Database ${info.name}`}
        onToggle={(event) => onOpenChange(event.currentTarget.open)}
      >
        <summary
          title={
            current
              ? `${info.name}: this tab's database`
              : `${info.name}: double-click to use it in this tab`
          }
          onDoubleClick={use}
        >
          <span className="schema-database__name">{info.name}</span>
          {info.prettyName && <span className="schema-tree__folder">{info.prettyName}</span>}
          {current && <span className="schema-database__current">current</span>}
        </summary>
        {/* Lazy: the schema is asked for when the node is first opened, not before. */}
        {open && (
          <DatabaseContents
            clusterUrl={clusterUrl}
            database={info.name}
            currentDatabase={currentDatabase}
            filter={filter}
            onInsert={onInsert}
          />
        )}
      </details>
      <span className="schema-database__actions">
        {!current && onUseDatabase && (
          <button
            type="button"
            className="schema-tree__insert schema-tree__insert--shown"
            aria-label={`Use database ${info.name}`}
            title={`Connect this tab to ${info.name}`}
            onClick={use}
          >
            Use
          </button>
        )}
        {onInsert && (
          <button
            type="button"
            className="schema-tree__insert"
            aria-label={`Insert database ${info.name}`}
            title={`Insert ${databaseReference(info.name)}`}
            onClick={() => onInsert(databaseReference(info.name))}
          >
            Insert
          </button>
        )}
      </span>
    </li>
  );
}

function DatabaseContents({
  clusterUrl,
  database,
  currentDatabase,
  filter,
  onInsert,
}: {
  clusterUrl: string;
  database: string;
  currentDatabase: string;
  filter: string;
  onInsert?(text: string): void;
}) {
  const schema = useDatabaseSchema(clusterUrl, database);
  if (schema.isPending) return <p className="schema-tree__note">Loading schema…</p>;
  if (schema.isError)
    return (
      <p className="schema-tree__note schema-tree__note--error" role="alert">
        Could not load the schema of {database}: {schema.error.message}
      </p>
    );
  return (
    <DatabaseEntities
      schema={schema.data}
      database={database}
      currentDatabase={currentDatabase}
      filter={filter}
      onInsert={onInsert}
    />
  );
}

function DatabaseEntities({
  schema,
  database,
  currentDatabase,
  filter,
  onInsert,
}: {
  schema: DatabaseSchema;
  database: string;
  currentDatabase: string;
  filter: string;
  onInsert?(text: string): void;
}) {
  const needle = filterNeedle(filter);
  const sections = useMemo(
    () => ({
      tables: matchTables(schema.tables, needle),
      views: matchTables(schema.materializedViews, needle),
      external: matchTables(schema.externalTables, needle),
      functions: matchFunctions(schema.functions, needle),
    }),
    [schema, needle],
  );
  const empty =
    sections.tables.length +
      sections.views.length +
      sections.external.length +
      sections.functions.length ===
    0;
  if (empty)
    return (
      <p className="schema-tree__note">{needle ? 'Nothing matches the filter.' : 'No tables.'}</p>
    );

  const tableList = (label: string, items: MatchedTable[]) =>
    items.length > 0 && (
      <Section label={`${label} (${items.length})`}>
        <TableNodeList
          items={items}
          open={needle.length > 0}
          onInsert={onInsert}
          insertText={(table) => entityInsertText(table.name, database, currentDatabase)}
        />
      </Section>
    );
  return (
    <div className="schema-database__contents">
      {tableList('Tables', sections.tables)}
      {tableList('Materialized views', sections.views)}
      {tableList('External tables', sections.external)}
      <SchemaFunctions
        functions={sections.functions}
        onInsert={onInsert}
        qualify={(call) => functionCallInsertText(call, database, currentDatabase)}
      />
    </div>
  );
}

function Section({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="schema-tree__section" open>
      <summary>{label}</summary>
      {children}
    </details>
  );
}
