/**
 * Compiles scalar expression nodes (already bound by the official analyzer) into closures over a
 * row, once per operator; rows never re-walk the tree.
 */
import type { ColumnSchema, KustoScalarType } from './public-types';
import {
  childNamed,
  kindOf,
  kustoLanguage,
  listElements,
  listToArray,
  textOf,
  type Expression,
  type KustoSymbol,
  type SyntaxNode,
} from './kusto-language';
import { isLiteralKind, LiteralError, literalValue } from './literal-values';
import { compareValues, equalsValue, valueKey } from './compare-values';
import { stringPredicates } from './string-predicates';
import { hasTerm } from './string-predicates';
import { kustoRegex } from './regex-translation';
import { scalarFunction } from './scalar-functions';
import {
  EvaluationError,
  lookupBinding,
  UnsupportedError,
  type Binding,
  type QueryScope,
} from './query-scope';
import {
  isIntegerType,
  toDynamic,
  toScalarOfType,
  toStringValue,
  type Table,
  type Value,
  type ValueType,
} from './values';

type BinaryExpression = Kusto.Language.Syntax.BinaryExpression;
type InExpression = Kusto.Language.Syntax.InExpression;
type BetweenExpression = Kusto.Language.Syntax.BetweenExpression;
type FunctionCallExpression = Kusto.Language.Syntax.FunctionCallExpression;
type PathExpression = Kusto.Language.Syntax.PathExpression;
type ElementExpression = Kusto.Language.Syntax.ElementExpression;
type BracketedExpression = Kusto.Language.Syntax.BracketedExpression;
type NameReference = Kusto.Language.Syntax.NameReference;
type FunctionDeclaration = Kusto.Language.Syntax.FunctionDeclaration;

export type Evaluator = (row: Value[]) => Value;

export interface Compiled {
  evaluate: Evaluator;
  type: ValueType;
  /** Set when the value does not depend on the row. */
  constant?: boolean;
}

export interface CompileContext {
  /** The layout of the rows the closures will receive. */
  columns: readonly ColumnSchema[];
  scope: QueryScope;
  /** Parameters of an inlined user function, by name. */
  params?: ReadonlyMap<string, Compiled>;
  /** Inside summarize: registers an aggregate call and returns its slot in the aggregate row. */
  aggregateSlot?: (call: FunctionCallExpression) => number;
  /** Evaluates a tabular expression (injected to keep this module free of the operators). */
  runTabular: (node: Expression, scope: QueryScope) => Table;
  /** Inside `search kind=case_sensitive`. */
  caseSensitiveSearch?: boolean;
}

const SCALAR_TYPES = new Set<string>([
  'bool',
  'int',
  'long',
  'real',
  'decimal',
  'datetime',
  'timespan',
  'string',
  'guid',
  'dynamic',
]);

/** The analyzer's type of a scalar expression. */
export function typeOfExpression(node: Expression | null): ValueType {
  const name = node?.ResultType?.Name ?? 'unknown';
  if (SCALAR_TYPES.has(name)) return name as KustoScalarType;
  return name === 'null' ? 'null' : 'unknown';
}

export function constant(value: Value, type: ValueType): Compiled {
  return { evaluate: () => value, type, constant: true };
}

function symbolKinds(): typeof Kusto.Language.Symbols.SymbolKind {
  return kustoLanguage().Symbols.SymbolKind;
}

let builtinFunctions: Set<KustoSymbol> | undefined;
let aggregateFunctions: Set<KustoSymbol> | undefined;

export function isAggregateSymbol(symbol: KustoSymbol | null): boolean {
  if (!symbol) return false;
  aggregateFunctions ??= new Set(
    listToArray(kustoLanguage().Aggregates.All as never) as KustoSymbol[],
  );
  return aggregateFunctions.has(symbol);
}

function isBuiltinFunction(symbol: KustoSymbol): boolean {
  builtinFunctions ??= new Set(
    listToArray(kustoLanguage().Functions.All as never) as KustoSymbol[],
  );
  return builtinFunctions.has(symbol);
}

export function unsupported(message: string, node: SyntaxNode | null): never {
  throw new UnsupportedError(message, node);
}

/** Compiles a scalar expression. */
export function compileScalar(node: Expression, ctx: CompileContext): Compiled {
  const kind = kindOf(node);
  if (kind === 'StringLiteralExpression' && typeOfExpression(node) === 'bool') {
    // A bare "term" in a search predicate: any string column has the term.
    return compileSearchTerm(String(node.LiteralValue ?? ''), searchableColumns(ctx), ctx, node);
  }
  if (isLiteralKind(kind)) {
    try {
      const { value, type } = literalValue(node);
      return constant(value, typeOfExpression(node) === 'unknown' ? type : typeOfExpression(node));
    } catch (error) {
      if (error instanceof LiteralError) unsupported(error.message, node);
      throw error;
    }
  }
  switch (kind) {
    case 'ParenthesizedExpression':
      return compileScalar(
        (node as Kusto.Language.Syntax.ParenthesizedExpression).Expression!,
        ctx,
      );
    case 'SimpleNamedExpression':
      return compileScalar((node as Kusto.Language.Syntax.SimpleNamedExpression).Expression!, ctx);
    case 'NameReference':
      return compileNameReference(node as NameReference, ctx);
    case 'PathExpression':
      return compilePath(node as PathExpression, ctx);
    case 'ElementExpression':
      return compileElement(node as ElementExpression, ctx);
    case 'UnaryMinusExpression':
    case 'UnaryPlusExpression': {
      const operand = compileScalar(
        (node as Kusto.Language.Syntax.PrefixUnaryExpression).Expression!,
        ctx,
      );
      if (kind === 'UnaryPlusExpression') return operand;
      const f = operand.evaluate;
      return {
        type: typeOfExpression(node),
        evaluate: (row) => {
          const v = f(row);
          return typeof v === 'number' ? -v : null;
        },
      };
    }
    case 'InExpression':
    case 'InCsExpression':
    case 'NotInExpression':
    case 'NotInCsExpression':
      return compileIn(node as InExpression, ctx);
    case 'BetweenExpression':
    case 'NotBetweenExpression':
      return compileBetween(node as BetweenExpression, ctx, kind === 'NotBetweenExpression');
    case 'HasAnyExpression':
    case 'HasAllExpression':
      return compileHasAnyAll(node as InExpression, ctx, kind === 'HasAllExpression');
    case 'FunctionCallExpression':
      return compileFunctionCall(node as FunctionCallExpression, ctx);
    case 'ToScalarExpression':
      return compileToScalar(node as Kusto.Language.Syntax.ToScalarExpression, ctx);
    case 'TypeOfLiteralExpression': {
      const typeNode = listElements(
        (node as Kusto.Language.Syntax.TypeOfLiteralExpression).Types,
      )[0];
      return constant(typeNode ? textOf(typeNode).trim() : 'dynamic', 'unknown');
    }
    default:
      if (node instanceof kustoLanguage().Syntax.BinaryExpression) {
        return compileBinary(node as BinaryExpression, kind, ctx);
      }
      return unsupported(
        `The stand-in cluster does not support the expression '${textOf(node)}' (${kind}).`,
        node,
      );
  }
}

function compileNameReference(node: NameReference, ctx: CompileContext): Compiled {
  const name = node.SimpleName ?? '';
  const symbol = node.ReferencedSymbol;
  const kinds = symbolKinds();
  const type = typeOfExpression(node);
  switch (symbol?.Kind) {
    case kinds.Column: {
      const index = columnIndex(ctx.columns, name);
      if (index < 0) unsupported(`Internal error: the column '${name}' is not in the row.`, node);
      return { type, evaluate: (row) => row[index] ?? null };
    }
    case kinds.Parameter: {
      const param = ctx.params?.get(name);
      if (param) return param;
      // Parameters of tabular functions are bound in the function's scope.
      const binding = lookupBinding(ctx.scope, name);
      if (binding?.kind === 'scalar') return constant(binding.value, binding.type);
      return unsupported(`The stand-in cluster cannot use the parameter '${name}' here.`, node);
    }
    case kinds.Variable: {
      const binding = lookupBinding(ctx.scope, name);
      if (binding?.kind === 'scalar') return constant(binding.value, binding.type);
      return unsupported(`The stand-in cluster cannot use '${name}' as a scalar here.`, node);
    }
    default:
      return unsupported(`The stand-in cluster does not support the name '${name}' here.`, node);
  }
}

export function columnIndex(columns: readonly ColumnSchema[], name: string): number {
  for (let i = 0; i < columns.length; i++) if (columns[i]!.name === name) return i;
  return -1;
}

function memberOf(value: Value, key: Value): Value {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    if (typeof key !== 'number') return null;
    const index = key < 0 ? value.length + key : key;
    return value[index] ?? null;
  }
  if (typeof key !== 'string' || !Object.hasOwn(value, key)) return null;
  return value[key] ?? null;
}

function asDynamic(compiled: Compiled): Evaluator {
  const f = compiled.evaluate;
  if (compiled.type === 'dynamic') return f;
  if (compiled.type === 'string') {
    // Kusto lets a JSON string be addressed like dynamic (it parses it).
    return (row) => {
      const text = f(row);
      if (typeof text !== 'string' || text === '') return null;
      try {
        return JSON.parse(text) as Value;
      } catch {
        return null;
      }
    };
  }
  return (row) => toDynamic(compiled.type, f(row));
}

function compilePath(node: PathExpression, ctx: CompileContext): Compiled {
  const base = node.Expression!;
  const selector = node.Selector as NameReference;
  if (kindOf(base) === 'NameReference' && (base as NameReference).SimpleName?.startsWith('$')) {
    return unsupported(`'${textOf(node)}' is only meaningful in a join condition.`, node);
  }
  const baseType = typeOfExpression(base);
  if (baseType !== 'dynamic' && baseType !== 'string') {
    return unsupported(`The stand-in cluster does not support '${textOf(node)}'.`, node);
  }
  const key = selector.SimpleName ?? '';
  const f = asDynamic(compileScalar(base, ctx));
  return { type: 'dynamic', evaluate: (row) => memberOf(f(row), key) };
}

function compileElement(node: ElementExpression, ctx: CompileContext): Compiled {
  const base = compileScalar(node.Expression!, ctx);
  const selectorNode = node.Selector as BracketedExpression;
  if (kindOf(selectorNode) !== 'BracketedExpression') {
    return unsupported(`The stand-in cluster does not support '${textOf(node)}'.`, node);
  }
  const index = compileScalar(selectorNode.Expression!, ctx);
  const f = asDynamic(base);
  const k = index.evaluate;
  return { type: 'dynamic', evaluate: (row) => memberOf(f(row), k(row)) };
}

/** Arithmetic on numbers (datetimes and timespans are milliseconds, so the same operators apply). */
function arithmetic(kind: string, resultType: ValueType): ((a: number, b: number) => Value) | null {
  const integer = isIntegerType(resultType);
  const wrap = resultType === 'int' ? (n: number) => n | 0 : (n: number) => n;
  switch (kind) {
    case 'AddExpression':
      return (a, b) => wrap(a + b);
    case 'SubtractExpression':
      return (a, b) => wrap(a - b);
    case 'MultiplyExpression':
      return (a, b) => wrap(a * b);
    case 'DivideExpression':
      return integer ? (a, b) => (b === 0 ? null : wrap(Math.trunc(a / b))) : (a, b) => a / b;
    case 'ModuloExpression':
      return integer ? (a, b) => (b === 0 ? null : a % b) : (a, b) => a % b;
    default:
      return null;
  }
}

const STRING_OPERATOR_BY_KIND: Record<string, string> = {
  Has: 'has',
  HasPrefix: 'hasprefix',
  HasSuffix: 'hassuffix',
  Contains: 'contains',
  StartsWith: 'startswith',
  EndsWith: 'endswith',
};

/** Columns that `*` and search terms look at: the text-like ones (strings, dynamic, guids). */
function searchableColumns(ctx: CompileContext): number[] {
  const out: number[] = [];
  ctx.columns.forEach((column, i) => {
    if (column.type === 'string' || column.type === 'dynamic' || column.type === 'guid')
      out.push(i);
  });
  return out;
}

/** A search term: `"err"` is has, `"err*"` hasprefix, `"*err"` hassuffix, `"*err*"` contains. */
function compileSearchTerm(
  term: string,
  columns: number[],
  ctx: CompileContext,
  node: SyntaxNode,
): Compiled {
  const cs = ctx.caseSensitiveSearch ? '_cs' : '';
  const leading = term.startsWith('*');
  const trailing = term.length > 1 && term.endsWith('*');
  const core = term.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (core.includes('*'))
    unsupported(
      `The stand-in cluster does not support '*' inside the search term '${term}'.`,
      node,
    );
  const operator =
    leading && trailing ? 'contains' : leading ? 'hassuffix' : trailing ? 'hasprefix' : 'has';
  const predicate = stringPredicates[`${operator}${cs}`]!;
  const types = ctx.columns.map((c) => c.type);
  return {
    type: 'bool',
    evaluate: (row) =>
      columns.some((i) => predicate(toStringValue(types[i]!, row[i] ?? null), core)),
  };
}

function compileBinary(node: BinaryExpression, kind: string, ctx: CompileContext): Compiled {
  if (kind === 'SearchExpression') {
    // search Column:"term"
    const column = columnIndex(ctx.columns, (node.Left as NameReference).SimpleName ?? '');
    if (kindOf(node.Left!) !== 'NameReference' || column < 0) {
      return unsupported(`The stand-in cluster does not support '${textOf(node)}'.`, node);
    }
    return compileSearchTerm(
      String(compileScalar(node.Right!, ctx).evaluate([]) ?? ''),
      [column],
      ctx,
      node,
    );
  }
  if (kindOf(node.Left!) === 'StarExpression') return compileStarPredicate(node, kind, ctx);
  const left = compileScalar(node.Left!, ctx);
  const right = compileScalar(node.Right!, ctx);
  const lf = left.evaluate;
  const rf = right.evaluate;
  const lt = left.type;
  const rt = right.type;
  const resultType = typeOfExpression(node);

  const math = arithmetic(kind, resultType);
  if (math) {
    return {
      type: resultType,
      evaluate: (row) => {
        const a = lf(row);
        if (typeof a !== 'number') return null;
        const b = rf(row);
        if (typeof b !== 'number') return null;
        return math(a, b);
      },
    };
  }

  const bool = (evaluate: Evaluator): Compiled => ({ type: 'bool', evaluate });
  switch (kind) {
    case 'AndExpression':
      return bool((row) => {
        const a = lf(row);
        if (a === false) return false;
        const b = rf(row);
        if (b === false) return false;
        return a === true && b === true ? true : null;
      });
    case 'OrExpression':
      return bool((row) => {
        const a = lf(row);
        if (a === true) return true;
        const b = rf(row);
        if (b === true) return true;
        return a === false && b === false ? false : null;
      });
    case 'EqualExpression':
      return bool((row) => equalsValue(lf(row), lt, rf(row), rt));
    case 'NotEqualExpression':
      return bool((row) => {
        const eq = equalsValue(lf(row), lt, rf(row), rt);
        return eq === null ? null : !eq;
      });
    case 'LessThanExpression':
    case 'LessThanOrEqualExpression':
    case 'GreaterThanExpression':
    case 'GreaterThanOrEqualExpression': {
      const test =
        kind === 'LessThanExpression'
          ? (c: number) => c < 0
          : kind === 'LessThanOrEqualExpression'
            ? (c: number) => c <= 0
            : kind === 'GreaterThanExpression'
              ? (c: number) => c > 0
              : (c: number) => c >= 0;
      return bool((row) => {
        const c = compareValues(lf(row), lt, rf(row), rt);
        return c === null ? null : test(c);
      });
    }
    case 'EqualTildeExpression':
    case 'BangTildeExpression': {
      const negate = kind === 'BangTildeExpression';
      return bool((row) => {
        const a = lf(row);
        const b = rf(row);
        if (a === null && lt !== 'string' && lt !== 'dynamic') return null;
        const eq = toStringValue(lt, a).toLowerCase() === toStringValue(rt, b).toLowerCase();
        return negate ? !eq : eq;
      });
    }
    case 'MatchesRegexExpression': {
      if (!right.constant) {
        return bool((row) =>
          kustoRegex(toStringValue(rt, rf(row))).test(toStringValue(lt, lf(row))),
        );
      }
      const regex = kustoRegex(toStringValue(rt, rf([])));
      return bool((row) => regex.test(toStringValue(lt, lf(row))));
    }
  }

  const m = /^(Not)?(Has|HasPrefix|HasSuffix|Contains|StartsWith|EndsWith)(Cs)?Expression$/.exec(
    kind,
  );
  if (m) {
    const predicate = stringPredicates[`${STRING_OPERATOR_BY_KIND[m[2]!]}${m[3] ? '_cs' : ''}`]!;
    const negate = Boolean(m[1]);
    return bool((row) => {
      const result = predicate(toStringValue(lt, lf(row)), toStringValue(rt, rf(row)));
      return negate ? !result : result;
    });
  }
  return unsupported(
    `The stand-in cluster does not support the operator '${node.Operator?.Text ?? kind}'.`,
    node,
  );
}

/** `* has "x"` and friends: true when any text-like column satisfies the string operator. */
function compileStarPredicate(node: BinaryExpression, kind: string, ctx: CompileContext): Compiled {
  const m = /^(Not)?(Has|HasPrefix|HasSuffix|Contains|StartsWith|EndsWith)(Cs)?Expression$/.exec(
    kind,
  );
  if (!m)
    return unsupported(
      `The stand-in cluster supports '*' only with string operators such as has.`,
      node,
    );
  const predicate = stringPredicates[`${STRING_OPERATOR_BY_KIND[m[2]!]}${m[3] ? '_cs' : ''}`]!;
  const negate = Boolean(m[1]);
  const right = compileScalar(node.Right!, ctx);
  const columns = searchableColumns(ctx);
  const types = ctx.columns.map((c) => c.type);
  return {
    type: 'bool',
    evaluate: (row) => {
      const needle = toStringValue(right.type, right.evaluate(row));
      const found = columns.some((i) =>
        predicate(toStringValue(types[i]!, row[i] ?? null), needle),
      );
      return negate ? !found : found;
    },
  };
}

/**
 * The values named by an `in`/`has_any` list: scalars, dynamic arrays (flattened) and tabular
 * subqueries (their first column). Returns a function producing the values for a row.
 */
function compileValueList(
  listNode: Kusto.Language.Syntax.ExpressionList,
  ctx: CompileContext,
): { values: (row: Value[]) => { value: Value; type: ValueType }[]; constant: boolean } {
  const parts: ((row: Value[]) => { value: Value; type: ValueType }[])[] = [];
  let allConstant = true;
  for (const item of listElements<Expression>(listNode.Expressions)) {
    const resultType = item.ResultType;
    if (resultType && resultType.Kind === symbolKinds().Table) {
      let cache: { value: Value; type: ValueType }[] | undefined;
      parts.push(() => {
        if (!cache) {
          const table = ctx.runTabular(item, ctx.scope);
          const type = table.columns[0]?.type ?? 'unknown';
          cache = table.rows.map((r) => ({ value: r[0] ?? null, type }));
        }
        return cache;
      });
      continue;
    }
    const compiled = compileScalar(item, ctx);
    if (!compiled.constant) allConstant = false;
    const f = compiled.evaluate;
    if (compiled.type === 'dynamic') {
      parts.push((row) => {
        const v = f(row);
        return Array.isArray(v)
          ? v.map((x) => ({ value: x, type: 'dynamic' as ValueType }))
          : [{ value: v, type: 'dynamic' }];
      });
    } else {
      parts.push((row) => [{ value: f(row), type: compiled.type }]);
    }
  }
  return { values: (row) => parts.flatMap((p) => p(row)), constant: allConstant };
}

function compileIn(node: InExpression, ctx: CompileContext): Compiled {
  const operator = node.Operator?.Text ?? 'in';
  const negate = operator.startsWith('!');
  const caseInsensitive = operator.endsWith('~');
  const left = compileScalar(node.Left!, ctx);
  const lt = left.type;
  const lf = left.evaluate;
  const list = compileValueList(node.Right!, ctx);
  const keyOf = (value: Value, type: ValueType): unknown => {
    if (caseInsensitive) return toStringValue(type, value).toLowerCase();
    if (lt === 'dynamic' || lt === 'unknown' || lt === 'null')
      return valueKey(type === 'dynamic' ? value : toDynamic(type, value));
    return valueKey(toScalarOfType(lt, value, type));
  };
  const makeSet = (row: Value[]): Set<unknown> =>
    new Set(list.values(row).map((v) => keyOf(v.value, v.type)));
  let fixed: Set<unknown> | undefined;
  return {
    type: 'bool',
    evaluate: (row) => {
      const value = lf(row);
      if (value === null && lt !== 'string') return negate;
      const set = list.constant ? (fixed ??= makeSet(row)) : makeSet(row);
      const found = set.has(keyOf(value, lt));
      return negate ? !found : found;
    },
  };
}

function compileHasAnyAll(node: InExpression, ctx: CompileContext, all: boolean): Compiled {
  const left = compileScalar(node.Left!, ctx);
  const lt = left.type;
  const lf = left.evaluate;
  const list = compileValueList(node.Right!, ctx);
  let fixed: string[] | undefined;
  return {
    type: 'bool',
    evaluate: (row) => {
      const haystack = toStringValue(lt, lf(row));
      const needles = list.constant
        ? (fixed ??= list.values(row).map((v) => toStringValue(v.type, v.value)))
        : list.values(row).map((v) => toStringValue(v.type, v.value));
      return all
        ? needles.every((n) => hasTerm(haystack, n, false))
        : needles.some((n) => hasTerm(haystack, n, false));
    },
  };
}

function compileBetween(node: BetweenExpression, ctx: CompileContext, negate: boolean): Compiled {
  const left = compileScalar(node.Left!, ctx);
  const couple = node.Right!;
  const low = compileScalar(couple.First!, ctx);
  const secondNode = childNamed(couple, 'Second') as Expression;
  const high = compileScalar(secondNode, ctx);
  // datetime between (d .. 2d): the upper bound is relative to the lower one.
  const relative = (left.type === 'datetime' && high.type === 'timespan') || false;
  const lf = left.evaluate;
  const lowF = low.evaluate;
  const highF = high.evaluate;
  return {
    type: 'bool',
    evaluate: (row) => {
      const v = lf(row);
      const a = lowF(row);
      let b = highF(row);
      if (v === null || a === null || b === null) return null;
      if (relative && typeof a === 'number' && typeof b === 'number') b = a + b;
      const c1 = compareValues(v, left.type, a, low.type);
      const c2 = compareValues(v, left.type, b, relative ? left.type : high.type);
      if (c1 === null || c2 === null) return null;
      const inside = c1 >= 0 && c2 <= 0;
      return negate ? !inside : inside;
    },
  };
}

function compileToScalar(
  node: Kusto.Language.Syntax.ToScalarExpression,
  ctx: CompileContext,
): Compiled {
  let cached: { value: Value } | undefined;
  const type = typeOfExpression(node);
  const inner = node.Expression!;
  const run = (): Value => {
    if (!cached) {
      const table = ctx.runTabular(inner, ctx.scope);
      cached = { value: table.rows[0]?.[0] ?? null };
    }
    return cached.value;
  };
  return { type, evaluate: run };
}

function functionArguments(node: FunctionCallExpression): Expression[] {
  return listElements<Expression>(node.ArgumentList?.Expressions ?? null);
}

function compileFunctionCall(node: FunctionCallExpression, ctx: CompileContext): Compiled {
  const symbol = node.ReferencedSymbol;
  const name = symbol?.Name ?? node.Name?.SimpleName ?? '';
  if (symbol && isAggregateSymbol(symbol)) {
    if (!ctx.aggregateSlot) {
      return unsupported(`The aggregate function '${name}' can only be used in summarize.`, node);
    }
    const slot = ctx.aggregateSlot(node);
    return { type: typeOfExpression(node), evaluate: (row) => row[slot] ?? null };
  }
  if (symbol && isBuiltinFunction(symbol) && (name === 'row_number' || name === 'row_cumsum')) {
    return compileWindowFunction(node, name, ctx);
  }
  if (symbol && isBuiltinFunction(symbol)) {
    const impl = scalarFunction(name);
    if (!impl)
      return unsupported(`The stand-in cluster does not support the function '${name}()'.`, node);
    const args = functionArguments(node).map((arg) => compileScalar(arg, ctx));
    const fns = args.map((a) => a.evaluate);
    const run = impl({
      name,
      argTypes: args.map((a) => a.type),
      resultType: typeOfExpression(node),
      now: ctx.scope.now,
    });
    const type = typeOfExpression(node);
    switch (fns.length) {
      case 0:
        return { type, evaluate: () => run([]) };
      case 1: {
        const f0 = fns[0]!;
        return { type, evaluate: (row) => run([f0(row)]) };
      }
      case 2: {
        const [f0, f1] = fns as [Evaluator, Evaluator];
        return { type, evaluate: (row) => run([f0(row), f1(row)]) };
      }
      default:
        return { type, evaluate: (row) => run(fns.map((f) => f(row))) };
    }
  }
  const binding = lookupBinding(ctx.scope, name);
  if (binding?.kind === 'function') return compileUserFunctionCall(node, binding, ctx);
  return unsupported(`The stand-in cluster does not support the function '${name}()'.`, node);
}

/**
 * row_number() and row_cumsum() count along the rows in order: the closure keeps state, which
 * works because each operator compiles its own closures and evaluates every row once, in order.
 */
function compileWindowFunction(
  node: FunctionCallExpression,
  name: string,
  ctx: CompileContext,
): Compiled {
  const args = functionArguments(node).map((arg) => compileScalar(arg, ctx));
  const type = typeOfExpression(node);
  if (name === 'row_number') {
    const startValue = args[0]?.evaluate([]);
    const start = typeof startValue === 'number' ? startValue : 1;
    const restart = args[1]?.evaluate;
    let n = start - 1;
    return {
      type,
      evaluate: (row) => {
        if (restart?.(row) === true) n = start - 1;
        return ++n;
      },
    };
  }
  const term = args[0]!.evaluate;
  const restart = args[1]?.evaluate;
  let sum = 0;
  return {
    type,
    evaluate: (row) => {
      if (restart?.(row) === true) sum = 0;
      const v = term(row);
      if (typeof v === 'number') sum += v;
      return sum;
    },
  };
}

/** A user function (`let f = (x:long) { x * 2 }`) is inlined at its call site. */
function compileUserFunctionCall(
  node: FunctionCallExpression,
  binding: Extract<Binding, { kind: 'function' }>,
  ctx: CompileContext,
): Compiled {
  const declaration = binding.declaration as FunctionDeclaration;
  const body = declaration.Body!;
  if (listElements(body.Statements).length > 0) {
    return unsupported(
      'The stand-in cluster does not support let statements inside function bodies.',
      node,
    );
  }
  const params = bindParameters(declaration, functionArguments(node), ctx, binding.scope);
  return compileScalar(body.Expression!, { ...ctx, scope: binding.scope, params });
}

/** Compiles call arguments (or parameter defaults) into the parameters of a user function. */
export function bindParameters(
  declaration: FunctionDeclaration,
  args: Expression[],
  callerCtx: CompileContext,
  functionScope: QueryScope,
): Map<string, Compiled> {
  const params = new Map<string, Compiled>();
  const parameters = listElements<Kusto.Language.Syntax.FunctionParameter>(
    declaration.Parameters?.Parameters ?? null,
  );
  parameters.forEach((parameter, i) => {
    const name = parameter.NameAndType?.Name?.SimpleName ?? '';
    const arg = args[i];
    if (arg) {
      params.set(name, compileScalar(arg, callerCtx));
      return;
    }
    const defaultValue = parameter.DefaultValue?.Value;
    if (!defaultValue) unsupported(`Missing argument for the parameter '${name}'.`, declaration);
    params.set(
      name,
      compileScalar(defaultValue, { ...callerCtx, scope: functionScope, params: undefined }),
    );
  });
  return params;
}

/** Evaluates an expression that must not depend on a row (take counts, let values, ...). */
export function evaluateConstant(node: Expression, ctx: CompileContext): Value {
  return compileScalar(node, ctx).evaluate([]);
}

export function runtimeError(message: string, node: SyntaxNode | null): never {
  throw new EvaluationError(message, node);
}
