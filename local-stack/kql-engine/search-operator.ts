/**
 * search: rows of the input (or of the `in (...)` tables, or of every table) where the predicate
 * holds; bare "terms" match any text column. A `$table` column names each row's table.
 */
import { listElements, type Expression } from './kusto-language';
import { compileScalar, unsupported } from './compile-scalar';
import {
  analyzerColumns,
  compileContextFor,
  namedParameters,
  parameterWord,
  rejectUnknownParameters,
  type TabularContext,
} from './operator-helpers';
import { findSourceColumn, sourceName, wildcardTableNames } from './union-operator';
import type { Table, Value } from './values';

export function searchOperator(
  op: Kusto.Language.Syntax.SearchOperator,
  piped: { table: Table; node: Expression | null } | null,
  tctx: TabularContext,
): Table {
  const parameters = namedParameters(op.Parameters);
  rejectUnknownParameters(parameters, ['kind'], 'search', op);
  const kind = (parameterWord(parameters.get('kind')) ?? 'default').toLowerCase();
  const columns = analyzerColumns(op);
  if (!columns || columns[0]?.name !== '$table')
    return unsupported('Internal error: search has no $table column.', op);

  const sources: { table: Table; name: string }[] = [];
  if (piped) {
    sources.push({ table: piped.table, name: sourceName(piped.node, 0) });
  } else if (op.InClause) {
    for (const expression of listElements<Expression>(op.InClause.Expressions)) {
      const names = wildcardTableNames(expression);
      if (names)
        names.forEach((name) => sources.push({ table: tctx.storedTable!(name, expression), name }));
      else
        sources.push({
          table: tctx.run(expression, tctx.scope),
          name: sourceName(expression, sources.length),
        });
    }
  } else {
    for (const name of tctx.scope.tables.keys())
      sources.push({ table: tctx.storedTable!(name, op), name });
  }

  // The predicate sees each row laid out in the combined schema (absent columns are null).
  const dataColumns = columns.slice(1);
  const ctx = {
    ...compileContextFor(dataColumns, tctx),
    caseSensitiveSearch: kind === 'case_sensitive',
  };
  const predicate = compileScalar(op.Condition!, ctx).evaluate;
  const rows: Value[][] = [];
  for (const source of sources) {
    const mapping = dataColumns.map((column) => findSourceColumn(column, source.table.columns));
    for (const row of source.table.rows) {
      const mapped = mapping.map((index, i) =>
        index >= 0 ? (row[index] ?? null) : dataColumns[i]!.type === 'string' ? '' : null,
      );
      if (predicate(mapped) === true) rows.push([source.name, ...mapped]);
    }
  }
  return { columns, rows };
}
