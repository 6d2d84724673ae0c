/**
 * make-series: per group, one array per aggregate over fixed-width bins of the axis, absent bins
 * filled with the default (0 unless `default=` says otherwise), plus the array of bin starts.
 */
import type { KustoScalarType } from './public-types';
import { kindOf, listElements, type Expression } from './kusto-language';
import { compileScalar, unsupported } from './compile-scalar';
import { binValue } from './core-functions';
import { compositeKey } from './compare-values';
import { compileAggregateEntry } from './summarize-operator';
import type { Accumulator } from './aggregate-functions';
import {
  adoptAnalyzerSchema,
  compileContextFor,
  namedParameters,
  rejectUnknownParameters,
  type TabularContext,
} from './operator-helpers';
import { toDynamic, type Table, type Value, type ValueType } from './values';

const MAX_BINS = 1_000_000;

export function makeSeriesOperator(
  op: Kusto.Language.Syntax.MakeSeriesOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  rejectUnknownParameters(namedParameters(op.Parameters), [], 'make-series', op);
  const ctx = compileContextFor(input.columns, tctx);
  const constantCtx = compileContextFor([], tctx);
  const axis = compileScalar(op.OnClause!.Expression!, ctx);

  let fromNode: Expression | null = null;
  let toNode: Expression | null = null;
  let stepNode: Expression | null = null;
  const range = op.RangeClause;
  if (range && kindOf(range) === 'MakeSeriesFromToStepClause') {
    const clause = range as Kusto.Language.Syntax.MakeSeriesFromToStepClause;
    fromNode = clause.MakeSeriesFromClause?.Expression ?? null;
    toNode = clause.MakeSeriesToClause?.Expression ?? null;
    stepNode = clause.MakeSeriesStepClause?.Expression ?? null;
  } else if (range && kindOf(range) === 'MakeSeriesInRangeClause') {
    const args = listElements<Expression>(
      (range as Kusto.Language.Syntax.MakeSeriesInRangeClause).Arguments?.Expressions ?? null,
    );
    [fromNode, toNode, stepNode] = [args[0] ?? null, args[1] ?? null, args[2] ?? null];
  }
  if (!stepNode) return unsupported('make-series needs a step.', op);
  const step = compileScalar(stepNode, constantCtx).evaluate([]);
  if (typeof step !== 'number' || !(step > 0))
    return unsupported('make-series needs a positive step.', op);

  const axisValues = input.rows.map((row) => axis.evaluate(row));
  const present = axisValues.filter((v): v is number => typeof v === 'number');
  const fromValue = fromNode ? compileScalar(fromNode, constantCtx).evaluate([]) : null;
  const toValue = toNode ? compileScalar(toNode, constantCtx).evaluate([]) : null;
  const start =
    typeof fromValue === 'number'
      ? fromValue
      : present.length
        ? binValue(Math.min(...present), step, axis.type)
        : null;
  const end =
    typeof toValue === 'number' ? toValue : present.length ? Math.max(...present) + step : null;
  const binCount =
    start === null || end === null ? 0 : Math.max(0, Math.ceil((end - start) / step - 1e-9));
  if (binCount > MAX_BINS) return unsupported(`make-series would produce ${binCount} bins.`, op);

  const byExpressions = listElements<Expression>(op.ByClause?.Expressions ?? null).map((e) =>
    kindOf(e) === 'SimpleNamedExpression'
      ? (e as Kusto.Language.Syntax.SimpleNamedExpression).Expression!
      : e,
  );
  const keys = byExpressions.map((e) => compileScalar(e, ctx));
  const series = listElements<Kusto.Language.Syntax.MakeSeriesExpression>(op.Aggregates).map(
    (item) => {
      const entry = compileAggregateEntry(item.Expression!, ctx);
      if (entry.columns.length !== 1)
        unsupported('make-series aggregates must give one value.', item);
      const defaultNode = item.DefaultExpression?.Expression;
      const defaultValue = defaultNode ? compileScalar(defaultNode, constantCtx).evaluate([]) : 0;
      return { entry, type: entry.columns[0]!.type as ValueType, defaultValue };
    },
  );

  const groups = new Map<unknown, { keyValues: Value[]; bins: Map<number, Accumulator[]> }>();
  input.rows.forEach((row, r) => {
    const t = axisValues[r];
    if (typeof t !== 'number' || start === null) return;
    const bin = Math.floor((t - start) / step);
    if (bin < 0 || bin >= binCount) return;
    const keyValues = keys.map((k) => k.evaluate(row));
    const key = compositeKey(keyValues);
    let group = groups.get(key);
    if (!group) {
      group = { keyValues, bins: new Map() };
      groups.set(key, group);
    }
    let accumulators = group.bins.get(bin);
    if (!accumulators) {
      accumulators = series.map((s) => s.entry.create());
      group.bins.set(bin, accumulators);
    }
    for (const accumulator of accumulators) accumulator.add(row);
  });

  const axisArray: Value[] = [];
  for (let i = 0; i < binCount; i++) axisArray.push(toDynamic(axis.type, start! + i * step));
  const rows: Value[][] = [];
  for (const group of groups.values()) {
    const arrays = series.map((s, index) => {
      const values: Value[] = [];
      for (let i = 0; i < binCount; i++) {
        const accumulators = group.bins.get(i);
        const value = accumulators ? (accumulators[index]!.results()[0] ?? null) : s.defaultValue;
        values.push(toDynamic(accumulators ? s.type : 'unknown', value));
      }
      return values;
    });
    rows.push([...group.keyValues, ...arrays, axisArray]);
  }
  const columns = [
    ...keys.map((k, i) => ({ name: `by${i}`, type: k.type as KustoScalarType })),
    ...series.map((_, i) => ({ name: `series${i}`, type: 'dynamic' as KustoScalarType })),
    { name: 'axis', type: 'dynamic' as KustoScalarType },
  ];
  return adoptAnalyzerSchema({ columns, rows }, op);
}
