/**
 * sort/order by and top. Kusto's defaults: descending; nulls last when descending and first when
 * ascending (https://learn.microsoft.com/kusto/query/sort-operator). Ties keep input order.
 */
import { kindOf, listElements, type Expression } from './kusto-language';
import { compileScalar, type Evaluator } from './compile-scalar';
import { compareKeyArrays, type SortKey } from './compare-values';
import { compileContextFor, type TabularContext } from './operator-helpers';
import { takeCount } from './basic-operators';
import type { Table, Value } from './values';

interface CompiledSortKey extends SortKey {
  evaluate: Evaluator;
}

function compileSortKey(
  expression: Expression,
  columns: Table['columns'],
  tctx: TabularContext,
): CompiledSortKey {
  let valueNode = expression;
  let descending = true;
  let nullsFirst: boolean | undefined;
  if (kindOf(expression) === 'OrderedExpression') {
    const ordered = expression as Kusto.Language.Syntax.OrderedExpression;
    valueNode = ordered.Expression!;
    const direction = ordered.Ordering?.AscOrDescKeyword?.Text?.toLowerCase();
    if (direction === 'asc') descending = false;
    const nulls = ordered.Ordering?.NullsClause?.FirstOrLastKeyword?.Text?.toLowerCase();
    if (nulls) nullsFirst = nulls === 'first';
  }
  return {
    evaluate: compileScalar(valueNode, compileContextFor(columns, tctx)).evaluate,
    descending,
    nullsFirst: nullsFirst ?? !descending,
  };
}

function sortRows(rows: Value[][], keys: CompiledSortKey[]): Value[][] {
  const decorated = rows.map((row, index) => ({
    row,
    index,
    key: keys.map((k) => k.evaluate(row)),
  }));
  decorated.sort((a, b) => compareKeyArrays(a.key, b.key, keys) || a.index - b.index);
  return decorated.map((d) => d.row);
}

export function sortOperator(
  op: Kusto.Language.Syntax.SortOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  const keys = listElements<Expression>(op.Expressions).map((e) =>
    compileSortKey(e, input.columns, tctx),
  );
  return { ...input, rows: sortRows(input.rows, keys), sorted: true };
}

export function topOperator(
  op: Kusto.Language.Syntax.TopOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  const count = takeCount(op.Expression!, tctx);
  const key = compileSortKey(op.ByExpression!, input.columns, tctx);
  return { ...input, rows: sortRows(input.rows, [key]).slice(0, count), sorted: true };
}
