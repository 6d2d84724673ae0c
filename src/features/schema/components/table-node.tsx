import type { TableSchema } from '../../../lib/query/database-schema';
import { kustoEntityName } from '../../../lib/kusto/kusto-schema';
import { kqlName } from '../../../lib/kql-text/kql-literal';
import type { MatchedTable } from '../schema-filter-match';
import './schema-tree.css';

/** The list of table nodes both schema trees show (open while a filter is typed). */
export function TableNodeList({
  items,
  open,
  onInsert,
  insertText,
}: {
  items: readonly MatchedTable[];
  open: boolean;
  onInsert?(name: string): void;
  /** What a table's Insert button types; the bare (quoted) name when left out. */
  insertText?(table: TableSchema): string;
}) {
  return (
    <ul className="schema-tree__tables">
      {items.map(({ table, columns }) => (
        <TableNode
          key={table.name}
          table={table}
          columns={columns}
          open={open}
          onInsert={onInsert}
          insertText={insertText?.(table)}
        />
      ))}
    </ul>
  );
}

/** What a table-like node is called in labels. */
const ENTITY_LABEL: Record<TableSchema['entityType'], string> = {
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
