/** summarize: group by expressions, aggregate each group. Groups come out in order of first appearance. */
import type { ColumnSchema, KustoScalarType } from './public-types';
import { kindOf, listElements, type Expression } from './kusto-language';
import {
  compileScalar,
  isAggregateSymbol,
  unsupported,
  type CompileContext,
} from './compile-scalar';
import {
  aggregateOutputColumns,
  compileAggregate,
  type Accumulator,
  type CompiledAggregate,
} from './aggregate-functions';
import { compositeKey } from './compare-values';
import {
  adoptAnalyzerSchema,
  compileContextFor,
  namedParameters,
  rejectUnknownParameters,
  type TabularContext,
} from './operator-helpers';
import type { Table, Value } from './values';

type FunctionCallExpression = Kusto.Language.Syntax.FunctionCallExpression;

/** One aggregate column (or several, for arg_max(x, *)), possibly an expression over aggregates. */
export interface AggregateEntry {
  columns: ColumnSchema[];
  create(): Accumulator;
}

function unwrapNamed(expression: Expression): Expression {
  if (kindOf(expression) === 'SimpleNamedExpression') {
    return (expression as Kusto.Language.Syntax.SimpleNamedExpression).Expression!;
  }
  if (kindOf(expression) === 'CompoundNamedExpression') {
    return unsupported(
      'The stand-in cluster does not support (a, b) = ... in summarize.',
      expression,
    );
  }
  return expression;
}

/** Compiles `avg(x)`, `arg_max(t, *)` or `round(100.0 * countif(p) / count(), 2)`. */
export function compileAggregateEntry(
  expression: Expression,
  inputCtx: CompileContext,
): AggregateEntry {
  const inner = unwrapNamed(expression);
  if (kindOf(inner) === 'FunctionCallExpression' && isAggregateSymbol(inner.ReferencedSymbol)) {
    const aggregate = compileAggregate(inner as FunctionCallExpression, inputCtx);
    const columns = aggregateOutputColumns(inner);
    if (columns.length !== aggregate.outputCount) {
      unsupported(
        `Internal error: output columns of '${inner.ReferencedSymbol?.Name}' differ from Kusto's.`,
        inner,
      );
    }
    return { columns, create: () => aggregate.create() };
  }
  const nested: CompiledAggregate[] = [];
  const compiled = compileScalar(inner, {
    ...inputCtx,
    columns: [],
    aggregateSlot: (call) => {
      const aggregate = compileAggregate(call, inputCtx);
      if (aggregate.outputCount !== 1)
        unsupported('A multi-column aggregate cannot be part of an expression.', call);
      nested.push(aggregate);
      return nested.length - 1;
    },
  });
  const type = (
    compiled.type === 'unknown' || compiled.type === 'null' ? 'dynamic' : compiled.type
  ) as KustoScalarType;
  return {
    columns: [{ name: '', type }],
    create: () => {
      const accumulators = nested.map((n) => n.create());
      return {
        add: (row) => {
          for (const a of accumulators) a.add(row);
        },
        results: () => [compiled.evaluate(accumulators.map((a) => a.results()[0] ?? null))],
      };
    },
  };
}

export function summarizeOperator(
  op: Kusto.Language.Syntax.SummarizeOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  rejectUnknownParameters(namedParameters(op.Parameters), [], 'summarize', op);
  if (op.ByClause?.BinClause)
    unsupported("The stand-in cluster does not support summarize's bin= clause.", op);
  const ctx = compileContextFor(input.columns, tctx);
  const byExpressions = listElements<Expression>(op.ByClause?.Expressions ?? null).map(unwrapNamed);
  const keys = byExpressions.map((e) => compileScalar(e, ctx));
  const entries = listElements<Expression>(op.Aggregates).map((e) => compileAggregateEntry(e, ctx));

  const groups = new Map<unknown, { keyValues: Value[]; accumulators: Accumulator[] }>();
  const newGroup = (keyValues: Value[]) => ({
    keyValues,
    accumulators: entries.map((e) => e.create()),
  });
  if (keys.length === 0) groups.set('', newGroup([]));
  for (const row of input.rows) {
    const keyValues = keys.map((k) => k.evaluate(row));
    const key = compositeKey(keyValues);
    let group = groups.get(key);
    if (!group) {
      group = newGroup(keyValues);
      groups.set(key, group);
    }
    for (const accumulator of group.accumulators) accumulator.add(row);
  }

  const columns: ColumnSchema[] = [
    ...keys.map((k, i) => ({ name: `by${i}`, type: k.type as KustoScalarType })),
    ...entries.flatMap((e) => e.columns),
  ];
  const rows: Value[][] = [];
  for (const group of groups.values()) {
    rows.push([...group.keyValues, ...group.accumulators.flatMap((a) => a.results())]);
  }
  return adoptAnalyzerSchema({ columns, rows }, op);
}
