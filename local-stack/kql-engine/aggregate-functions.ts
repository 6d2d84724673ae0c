/**
 * Aggregation functions for summarize and make-series. Each compiled aggregate makes one
 * accumulator per group; accumulators read input rows and produce one value per output column.
 * Nulls are ignored as in Kusto (https://learn.microsoft.com/kusto/query/scalar-data-types/null-values).
 */
import type { ColumnSchema } from './public-types';
import { listElements, listToArray, kindOf, textOf, type Expression } from './kusto-language';
import {
  columnIndex,
  compileScalar,
  typeOfExpression,
  unsupported,
  type CompileContext,
  type Compiled,
  type Evaluator,
} from './compile-scalar';
import { compareNonNull, isNullForSort, valueKey } from './compare-values';
import { toDynamic, type Value, type ValueType } from './values';

type FunctionCallExpression = Kusto.Language.Syntax.FunctionCallExpression;

export interface Accumulator {
  add(row: Value[]): void;
  results(): Value[];
}

export interface CompiledAggregate {
  /** Number of output columns (arg_max(x, *) and percentiles(x, 50, 95) have several). */
  outputCount: number;
  create(): Accumulator;
}

/** The output columns the analyzer gives an aggregate call: a tuple's columns, or one column. */
export function aggregateOutputColumns(call: Expression): ColumnSchema[] {
  const resultType = call.ResultType as Kusto.Language.Symbols.TupleSymbol | null;
  const columns = (resultType as unknown as { Columns?: unknown }).Columns;
  if (columns) {
    return listToArray(columns as never as Kusto.Language.Symbols.ColumnSymbol[]).map((c) => ({
      name: c.Name ?? '',
      type: typeOfExpression({ ResultType: c.Type } as Expression) as ColumnSchema['type'],
    }));
  }
  return [{ name: '', type: typeOfExpression(call) as ColumnSchema['type'] }];
}

function single(create: () => { add(row: Value[]): void; result(): Value }): CompiledAggregate {
  return {
    outputCount: 1,
    create: () => {
      const acc = create();
      return { add: (row) => acc.add(row), results: () => [acc.result()] };
    },
  };
}

/** A predicate evaluator: only `true` counts. */
function predicate(compiled: Compiled | undefined): Evaluator {
  return compiled ? compiled.evaluate : () => true;
}

function sumAggregate(x: Compiled, when: Evaluator): CompiledAggregate {
  const f = x.evaluate;
  return single(() => {
    let sum = 0;
    let seen = false;
    return {
      add: (row) => {
        if (when(row) !== true) return;
        const v = f(row);
        if (typeof v === 'number') {
          sum += v;
          seen = true;
        }
      },
      result: () => (seen ? sum : null),
    };
  });
}

function avgAggregate(x: Compiled, when: Evaluator): CompiledAggregate {
  const f = x.evaluate;
  return single(() => {
    let sum = 0;
    let count = 0;
    return {
      add: (row) => {
        if (when(row) !== true) return;
        const v = f(row);
        if (typeof v === 'number') {
          sum += v;
          count++;
        }
      },
      result: () => (count > 0 ? sum / count : null),
    };
  });
}

function extremeAggregate(x: Compiled, sign: 1 | -1, when: Evaluator): CompiledAggregate {
  const f = x.evaluate;
  return single(() => {
    let best: Value = null;
    return {
      add: (row) => {
        if (when(row) !== true) return;
        const v = f(row);
        if (isNullForSort(v)) return;
        if (best === null || compareNonNull(v, best) * sign > 0) best = v;
      },
      result: () => best,
    };
  });
}

function varianceAggregate(
  x: Compiled,
  sample: boolean,
  root: boolean,
  when: Evaluator,
): CompiledAggregate {
  const f = x.evaluate;
  return single(() => {
    let n = 0;
    let mean = 0;
    let m2 = 0;
    return {
      add: (row) => {
        if (when(row) !== true) return;
        const v = f(row);
        if (typeof v !== 'number') return;
        n++;
        const delta = v - mean;
        mean += delta / n;
        m2 += delta * (v - mean);
      },
      result: () => {
        const denominator = sample ? n - 1 : n;
        if (n === 0) return null;
        if (denominator <= 0) return 0;
        const variance = m2 / denominator;
        return root ? Math.sqrt(variance) : variance;
      },
    };
  });
}

function distinctCount(x: Compiled, when: Evaluator): CompiledAggregate {
  const f = x.evaluate;
  return single(() => {
    const seen = new Set<unknown>();
    return {
      add: (row) => {
        if (when(row) !== true) return;
        const v = f(row);
        if (v !== null) seen.add(valueKey(v));
      },
      result: () => seen.size,
    };
  });
}

function makeList(
  x: Compiled,
  when: Evaluator,
  max: number,
  unique: boolean,
  keepNulls = false,
): CompiledAggregate {
  const f = x.evaluate;
  const type = x.type;
  return single(() => {
    const items: Value[] = [];
    const seen = new Set<unknown>();
    return {
      add: (row) => {
        if (items.length >= max || when(row) !== true) return;
        const v = f(row);
        if (v === null && !keepNulls) return;
        const item = toDynamic(type, v);
        if (unique) {
          const key = valueKey(item);
          if (seen.has(key)) return;
          seen.add(key);
        }
        items.push(item);
      },
      result: () => items,
    };
  });
}

/** Nearest-rank percentile over the non-null values. */
function percentileOf(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank - 1, 0), sorted.length - 1)] ?? null;
}

function percentilesAggregate(x: Compiled, ps: number[], asArray: boolean): CompiledAggregate {
  const f = x.evaluate;
  const type = x.type;
  const create = (): Accumulator => {
    const values: number[] = [];
    return {
      add: (row) => {
        const v = f(row);
        if (typeof v === 'number' && !Number.isNaN(v)) values.push(v);
      },
      results: () => {
        values.sort((a, b) => a - b);
        const results = ps.map((p) => percentileOf(values, p));
        return asArray
          ? [values.length === 0 ? null : results.map((r) => toDynamic(type, r))]
          : results;
      },
    };
  };
  return { outputCount: asArray ? 1 : ps.length, create };
}

/** arg_max/arg_min: the values of the other expressions on the row where the first is extreme. */
function argExtreme(by: Compiled, others: Evaluator[], sign: 1 | -1): CompiledAggregate {
  const f = by.evaluate;
  return {
    outputCount: 1 + others.length,
    create: () => {
      let best: Value = null;
      let bestRow: Value[] | null = null;
      return {
        add: (row) => {
          const v = f(row);
          if (isNullForSort(v)) return;
          if (best === null || compareNonNull(v, best) * sign > 0) {
            best = v;
            bestRow = others.map((o) => o(row));
          }
        },
        results: () => [best, ...(bestRow ?? others.map(() => null))],
      };
    },
  };
}

/** take_any: the first non-empty value (one argument) or the first row's values (several). */
function takeAny(values: Evaluator[], types: ValueType[], when: Evaluator): CompiledAggregate {
  return {
    outputCount: values.length,
    create: () => {
      let taken: Value[] | null = null;
      return {
        add: (row) => {
          if (taken || when(row) !== true) return;
          const vs = values.map((v) => v(row));
          if (vs.length === 1 && (vs[0] === null || (types[0] === 'string' && vs[0] === '')))
            return;
          taken = vs;
        },
        results: () => taken ?? types.map((t) => (t === 'string' ? '' : null)),
      };
    },
  };
}

function makeBag(x: Compiled, when: Evaluator): CompiledAggregate {
  const f = x.evaluate;
  return single(() => {
    const bag: { [k: string]: Value } = {};
    return {
      add: (row) => {
        if (when(row) !== true) return;
        const v = f(row);
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          for (const [k, item] of Object.entries(v)) if (!Object.hasOwn(bag, k)) bag[k] = item;
        }
      },
      result: () => bag,
    };
  });
}

function constantNumber(
  node: Expression | undefined,
  ctx: CompileContext,
  fallback: number,
): number {
  if (!node) return fallback;
  const compiled = compileScalar(node, ctx);
  const v = compiled.evaluate([]);
  return typeof v === 'number' ? v : fallback;
}

/** Evaluators for `*` or explicit columns in arg_max(x, *) / take_any(*): by output column name. */
function starOrExplicit(
  args: Expression[],
  outputs: ColumnSchema[],
  ctx: CompileContext,
  node: Expression,
): Evaluator[] {
  const hasStar = args.some((a) => kindOf(a) === 'StarExpression');
  if (!hasStar) return args.map((a) => compileScalar(a, ctx).evaluate);
  if (args.length > 1) {
    unsupported(
      `The stand-in cluster does not support mixing '*' with other arguments in '${textOf(node)}'.`,
      node,
    );
  }
  return outputs.map((column) => {
    const index = columnIndex(ctx.columns, column.name);
    if (index < 0)
      unsupported(
        `Internal error: '${column.name}' of '${textOf(node)}' is not an input column.`,
        node,
      );
    return (row: Value[]) => row[index] ?? null;
  });
}

/** Compiles one aggregate call against the input rows' layout in `ctx`. */
export function compileAggregate(
  call: FunctionCallExpression,
  ctx: CompileContext,
): CompiledAggregate {
  const name = call.ReferencedSymbol?.Name ?? '';
  const argNodes = listElements<Expression>(call.ArgumentList?.Expressions ?? null);
  const arg = (i: number): Compiled => {
    const node = argNodes[i];
    if (!node) return unsupported(`Missing argument ${i + 1} of '${name}'.`, call);
    return compileScalar(node, ctx);
  };
  const all = predicate(undefined);
  const MAX = Number.MAX_SAFE_INTEGER;
  switch (name) {
    case 'count':
      return single(() => {
        let n = 0;
        return { add: () => void n++, result: () => n };
      });
    case 'countif': {
      const when = arg(0).evaluate;
      return single(() => {
        let n = 0;
        return { add: (row) => void (when(row) === true && n++), result: () => n };
      });
    }
    case 'sum':
      return sumAggregate(arg(0), all);
    case 'sumif':
      return sumAggregate(arg(0), predicate(arg(1)));
    case 'avg':
      return avgAggregate(arg(0), all);
    case 'avgif':
      return avgAggregate(arg(0), predicate(arg(1)));
    case 'min':
      return extremeAggregate(arg(0), -1, all);
    case 'max':
      return extremeAggregate(arg(0), 1, all);
    case 'minif':
      return extremeAggregate(arg(0), -1, predicate(arg(1)));
    case 'maxif':
      return extremeAggregate(arg(0), 1, predicate(arg(1)));
    case 'dcount':
    case 'count_distinct':
      return distinctCount(arg(0), all);
    case 'dcountif':
    case 'count_distinctif':
      return distinctCount(arg(0), predicate(arg(1)));
    case 'make_list':
    case 'makelist':
      return makeList(arg(0), all, constantNumber(argNodes[1], ctx, MAX), false);
    case 'make_list_if':
      return makeList(arg(0), predicate(arg(1)), constantNumber(argNodes[2], ctx, MAX), false);
    case 'make_list_with_nulls':
      return makeList(arg(0), all, MAX, false, true);
    case 'make_set':
    case 'makeset':
      return makeList(arg(0), all, constantNumber(argNodes[1], ctx, MAX), true);
    case 'make_set_if':
      return makeList(arg(0), predicate(arg(1)), constantNumber(argNodes[2], ctx, MAX), true);
    case 'make_bag':
      return makeBag(arg(0), all);
    case 'make_bag_if':
      return makeBag(arg(0), predicate(arg(1)));
    case 'stdev':
      return varianceAggregate(arg(0), true, true, all);
    case 'stdevp':
      return varianceAggregate(arg(0), false, true, all);
    case 'variance':
      return varianceAggregate(arg(0), true, false, all);
    case 'variancep':
      return varianceAggregate(arg(0), false, false, all);
    case 'stdevif':
      return varianceAggregate(arg(0), true, true, predicate(arg(1)));
    case 'varianceif':
      return varianceAggregate(arg(0), true, false, predicate(arg(1)));
    case 'percentile':
      return percentilesAggregate(arg(0), [constantNumber(argNodes[1], ctx, 50)], false);
    case 'percentiles':
    case 'percentiles_array': {
      const ps = argNodes.slice(1).flatMap((node) => {
        const v = compileScalar(node, ctx).evaluate([]);
        return Array.isArray(v) ? v.map(Number) : [Number(v)];
      });
      return percentilesAggregate(arg(0), ps, name === 'percentiles_array');
    }
    case 'arg_max':
    case 'arg_min': {
      const outputs = aggregateOutputColumns(call).slice(1);
      const others = starOrExplicit(argNodes.slice(1), outputs, ctx, call);
      return argExtreme(arg(0), others, name === 'arg_max' ? 1 : -1);
    }
    case 'any':
    case 'take_any': {
      const outputs = aggregateOutputColumns(call);
      const values = starOrExplicit(argNodes, outputs, ctx, call);
      return takeAny(
        values,
        outputs.map((o) => o.type),
        all,
      );
    }
    case 'anyif':
    case 'take_anyif': {
      const value = arg(0);
      return takeAny([value.evaluate], [value.type], predicate(arg(1)));
    }
    default:
      return unsupported(
        `The stand-in cluster does not support the aggregate function '${name}()'.`,
        call,
      );
  }
}
