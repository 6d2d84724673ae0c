/** union: rows of all inputs, columns matched by name (and type; clashing types get a _type suffix). */
import type { ColumnSchema } from './public-types';
import {
  kindOf,
  kustoLanguage,
  listElements,
  listToArray,
  type Expression,
} from './kusto-language';
import { unsupported } from './compile-scalar';
import {
  analyzerColumns,
  namedParameters,
  parameterWord,
  rejectUnknownParameters,
  type TabularContext,
} from './operator-helpers';
import type { Table } from './values';
import { batchesOf, lazyTable } from './row-stream';

export function sourceName(node: Expression | null, index: number): string {
  let current = node;
  while (current && kindOf(current) === 'ParenthesizedExpression') {
    current = (current as Kusto.Language.Syntax.ParenthesizedExpression).Expression;
  }
  if (current && kindOf(current) === 'NameReference') {
    return (current as Kusto.Language.Syntax.NameReference).SimpleName ?? `union_arg${index}`;
  }
  return `union_arg${index}`;
}

export function unionOperator(
  op: Kusto.Language.Syntax.UnionOperator,
  piped: { table: Table; node: Expression | null } | null,
  tctx: TabularContext,
): Table {
  const parameters = namedParameters(op.Parameters);
  rejectUnknownParameters(parameters, ['kind', 'withsource', 'isfuzzy'], 'union', op);
  const columns = analyzerColumns(op);
  if (!columns) return unsupported('Internal error: union has no schema.', op);
  const withSource = parameters.has('withsource')
    ? parameterWord(parameters.get('withsource'))
    : undefined;

  const sources: { table: Table; name: string }[] = [];
  if (piped) sources.push({ table: piped.table, name: sourceName(piped.node, 0) });
  for (const expression of listElements<Expression>(op.Expressions)) {
    const wildcardTables = wildcardTableNames(expression);
    if (wildcardTables) {
      for (const name of wildcardTables) {
        sources.push({ table: tctx.storedTable!(name, expression), name });
      }
      continue;
    }
    sources.push({
      table: tctx.run(expression, tctx.scope),
      name: sourceName(expression, sources.length),
    });
  }

  const dataColumns = withSource ? columns.slice(1) : columns;
  return lazyTable({ columns }, function* () {
    for (const source of sources) {
      const mapping = dataColumns.map((column) => findSourceColumn(column, source.table.columns));
      // Rows of a source with exactly the union's columns pass as they are (rows are never
      // changed in place by any operator), which keeps `union T, T, …` cheap.
      const same =
        !withSource &&
        mapping.length === source.table.columns.length &&
        mapping.every((index, i) => index === i);
      for (const batch of batchesOf(source.table)) {
        if (same) {
          yield batch;
          continue;
        }
        yield batch.map((row) => {
          const out = mapping.map((index, i) =>
            index >= 0 ? (row[index] ?? null) : dataColumns[i]!.type === 'string' ? '' : null,
          );
          return withSource ? [source.name, ...out] : out;
        });
      }
    }
  });
}

/** `union Storm*` / `union *`: the tables the analyzer matched, in its order; null for other sources. */
export function wildcardTableNames(expression: Expression): string[] | null {
  if (kindOf(expression) !== 'NameReference') return null;
  const name = (expression as Kusto.Language.Syntax.NameReference).Name;
  if (!name || kindOf(name) !== 'WildcardedName') return null;
  const symbol = expression.ReferencedSymbol;
  if (!symbol) return [];
  const kinds = kustoLanguage().Symbols.SymbolKind;
  if (symbol.Kind === kinds.Table) return [symbol.Name ?? ''];
  return listToArray(symbol.Members)
    .filter((member) => member.Kind === kinds.Table)
    .map((member) => member.Name ?? '');
}

export function findSourceColumn(column: ColumnSchema, sourceColumns: ColumnSchema[]): number {
  const exact = sourceColumns.findIndex((c) => c.name === column.name && c.type === column.type);
  if (exact >= 0) return exact;
  return sourceColumns.findIndex((c) => `${c.name}_${c.type}` === column.name);
}
