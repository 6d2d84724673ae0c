/** Evaluates tabular expressions: sources (tables, lets, datatable, print, range, union) and pipes. */
import {
  kindOf,
  kustoLanguage,
  listElements,
  textOf,
  type Expression,
  type SyntaxNode,
} from './kusto-language';
import { columnIndex, compileScalar, typeOfExpression, unsupported } from './compile-scalar';
import { childScope, lookupBinding, type QueryScope } from './query-scope';
import type { TabularContext } from './operator-helpers';
import { compileContextFor } from './operator-helpers';
import {
  asOperator,
  countOperator,
  sampleOperator,
  dataTableExpression,
  distinctOperator,
  extendOperator,
  getSchemaOperator,
  printOperator,
  projectOperator,
  projectRenameOperator,
  rangeOperator,
  reshapeByName,
  takeOperator,
  whereOperator,
} from './basic-operators';
import { sortOperator, topOperator } from './sort-operators';
import { summarizeOperator } from './summarize-operator';
import { joinOperator, lookupOperator } from './join-operators';
import { unionOperator } from './union-operator';
import { mvExpandOperator } from './mv-expand-operator';
import { makeSeriesOperator } from './make-series-operator';
import { renderOperator } from './render-operator';
import { parseOperator } from './parse-operator';
import { searchOperator } from './search-operator';
import type { Table } from './values';
import { mapBatches } from './row-stream';

type Syntax = typeof Kusto.Language.Syntax;
type Node<K extends keyof Syntax> = Syntax[K] extends { prototype: infer P } ? P : never;

export function evaluateTabular(node: Expression, scope: QueryScope): Table {
  const tctx: TabularContext = {
    scope,
    run: evaluateTabular,
    storedTable: (name, at) => storedTable(name, scope, at),
  };
  const kind = kindOf(node);
  switch (kind) {
    case 'PipeExpression': {
      const pipe = node as Node<'PipeExpression'>;
      const op = pipe.Operator!;
      const input = evaluateTabular(pipe.Expression!, scope);
      if (kindOf(op) === 'UnionOperator') {
        return unionOperator(
          op as Node<'UnionOperator'>,
          { table: input, node: pipe.Expression },
          tctx,
        );
      }
      if (kindOf(op) === 'SearchOperator') {
        return searchOperator(
          op as Node<'SearchOperator'>,
          { table: input, node: pipe.Expression },
          tctx,
        );
      }
      return applyOperator(op, input, tctx);
    }
    case 'ParenthesizedExpression':
      return evaluateTabular((node as Node<'ParenthesizedExpression'>).Expression!, scope);
    case 'MaterializeExpression':
      return evaluateTabular((node as Node<'MaterializeExpression'>).Expression!, scope);
    case 'NameReference':
      return tableReference(node as Node<'NameReference'>, scope);
    case 'DataTableExpression':
      return dataTableExpression(node as Node<'DataTableExpression'>, tctx);
    case 'PrintOperator':
      return printOperator(node as Node<'PrintOperator'>, tctx);
    case 'RangeOperator':
      return rangeOperator(node as Node<'RangeOperator'>, tctx);
    case 'UnionOperator':
      return unionOperator(node as Node<'UnionOperator'>, null, tctx);
    case 'SearchOperator':
      return searchOperator(node as Node<'SearchOperator'>, null, tctx);
    case 'FunctionCallExpression':
      return tabularFunctionCall(node as Node<'FunctionCallExpression'>, scope);
    default:
      return unsupported(
        `The stand-in cluster does not support '${textOf(node).slice(0, 60)}' as a table (${kind}).`,
        node,
      );
  }
}

function tableReference(node: Kusto.Language.Syntax.NameReference, scope: QueryScope): Table {
  const name = node.SimpleName ?? '';
  const kinds = kustoLanguage().Symbols.SymbolKind;
  const symbolKind = node.ReferencedSymbol?.Kind;
  if (symbolKind === kinds.Table)
    return storedTable(node.ReferencedSymbol?.Name ?? name, scope, node);
  const binding = lookupBinding(scope, name);
  if (binding?.kind === 'tabular') return binding.get();
  return unsupported(`The stand-in cluster cannot use '${name}' as a table here.`, node);
}

/** A database table, filtered to the App Insights time window when one applies to it. */
function storedTable(name: string, scope: QueryScope, node: SyntaxNode): Table {
  const stored = scope.tables.get(name);
  if (!stored) return unsupported(`Internal error: the table '${name}' is not loaded.`, node);
  const window = scope.timeWindow;
  const timeColumn = window?.columnByTable[name];
  scope.scans?.set(name, Math.max(scope.scans.get(name) ?? 0, stored.table.rows.length));
  if (!window || !timeColumn) return stored.table;
  const index = columnIndex(stored.table.columns, timeColumn);
  if (index < 0) return stored.table;
  return mapBatches(stored.table, {}, (batch) =>
    batch.filter((row) => {
      const t = row[index];
      return typeof t === 'number' && t >= window.from && t <= window.to;
    }),
  );
}

function tabularFunctionCall(
  node: Kusto.Language.Syntax.FunctionCallExpression,
  scope: QueryScope,
): Table {
  const name = node.ReferencedSymbol?.Name ?? node.Name?.SimpleName ?? '';
  const binding = lookupBinding(scope, name);
  if (binding?.kind !== 'function') {
    return unsupported(
      `The stand-in cluster does not support the tabular function '${name}()'.`,
      node,
    );
  }
  const declaration = binding.declaration as Kusto.Language.Syntax.FunctionDeclaration;
  const functionScope = childScope(binding.scope);
  const args = listElements<Expression>(node.ArgumentList?.Expressions ?? null);
  const parameters = listElements<Kusto.Language.Syntax.FunctionParameter>(
    declaration.Parameters?.Parameters ?? null,
  );
  parameters.forEach((parameter, i) => {
    const parameterName = parameter.NameAndType?.Name?.SimpleName ?? '';
    const arg = args[i];
    const source = arg ?? parameter.DefaultValue?.Value;
    if (!source) unsupported(`Missing argument for the parameter '${parameterName}'.`, node);
    const sourceScope = arg ? scope : binding.scope;
    if (source.ResultType?.Kind === kustoLanguage().Symbols.SymbolKind.Table) {
      const table = evaluateTabular(source, sourceScope);
      functionScope.bindings.set(parameterName, { kind: 'tabular', get: () => table });
    } else {
      const compiled = compileScalar(
        source,
        compileContextFor([], { scope: sourceScope, run: evaluateTabular }),
      );
      functionScope.bindings.set(parameterName, {
        kind: 'scalar',
        value: compiled.evaluate([]),
        type: compiled.type,
      });
    }
  });
  const body = declaration.Body!;
  for (const statement of listElements(body.Statements)) bindStatement(statement, functionScope);
  return evaluateTabular(body.Expression!, functionScope);
}

/** Binds a `let` statement in a scope; other statements are rejected here. */
export function bindStatement(statement: SyntaxNode, scope: QueryScope): void {
  if (kindOf(statement) !== 'LetStatement') {
    unsupported(
      `The stand-in cluster does not support '${textOf(statement).slice(0, 40)}' here.`,
      statement,
    );
  }
  const let_ = statement as Kusto.Language.Syntax.LetStatement;
  const name = let_.Name?.SimpleName ?? '';
  const expression = let_.Expression!;
  if (kindOf(expression) === 'FunctionDeclaration') {
    scope.bindings.set(name, { kind: 'function', declaration: expression, scope });
    return;
  }
  if (expression.ResultType?.Kind === kustoLanguage().Symbols.SymbolKind.Table) {
    let cached: Table | undefined;
    // Materialized once (the spread reads all rows): a binding used twice must not run its
    // pipeline twice (row_number() keeps counting; the stand-in would do the work twice).
    scope.bindings.set(name, {
      kind: 'tabular',
      get: () => (cached ??= { ...evaluateTabular(expression, scope) }),
    });
    return;
  }
  const compiled = compileScalar(
    expression,
    compileContextFor([], { scope, run: evaluateTabular }),
  );
  const type = compiled.type === 'unknown' ? typeOfExpression(expression) : compiled.type;
  scope.bindings.set(name, { kind: 'scalar', value: compiled.evaluate([]), type });
}

function operatorKeyword(op: SyntaxNode): string {
  return textOf(op).trim().split(/[\s(]/)[0] ?? kindOf(op);
}

function applyOperator(op: SyntaxNode, input: Table, tctx: TabularContext): Table {
  switch (kindOf(op)) {
    case 'FilterOperator':
      return whereOperator(op as Node<'FilterOperator'>, input, tctx);
    case 'TakeOperator':
      return takeOperator(op as Node<'TakeOperator'>, input, tctx);
    case 'CountOperator':
      return countOperator(op, input);
    case 'ProjectOperator':
      return projectOperator(op as Node<'ProjectOperator'>, input, tctx);
    case 'ProjectAwayOperator':
    case 'ProjectKeepOperator':
    case 'ProjectReorderOperator':
      return reshapeByName(op, input);
    case 'ProjectRenameOperator':
      return projectRenameOperator(op, input);
    case 'ExtendOperator':
      return extendOperator(op as Node<'ExtendOperator'>, input, tctx);
    case 'SummarizeOperator':
      return summarizeOperator(op as Node<'SummarizeOperator'>, input, tctx);
    case 'SortOperator':
      return sortOperator(op as Node<'SortOperator'>, input, tctx);
    case 'TopOperator':
      return topOperator(op as Node<'TopOperator'>, input, tctx);
    case 'DistinctOperator':
      return distinctOperator(op as Node<'DistinctOperator'>, input, tctx);
    case 'JoinOperator':
      return joinOperator(op as Node<'JoinOperator'>, input, tctx);
    case 'LookupOperator':
      return lookupOperator(op as Node<'LookupOperator'>, input, tctx);
    case 'MvExpandOperator':
      return mvExpandOperator(op as Node<'MvExpandOperator'>, input, tctx);
    case 'MakeSeriesOperator':
      return makeSeriesOperator(op as Node<'MakeSeriesOperator'>, input, tctx);
    case 'RenderOperator':
      return renderOperator(op as Node<'RenderOperator'>, input, tctx);
    case 'AsOperator':
      return asOperator(op as Node<'AsOperator'>, input);
    case 'GetSchemaOperator':
      return getSchemaOperator(op, input);
    case 'SerializeOperator':
      // serialize x = row_number() extends like extend; rows are always in a defined order here.
      return extendOperator(op as unknown as Node<'ExtendOperator'>, input, tctx);
    case 'ParseOperator':
      return parseOperator(op as Node<'ParseOperator'>, input, tctx);
    case 'SampleOperator':
      return sampleOperator(op as Node<'SampleOperator'>, input, tctx);
    default:
      return unsupported(
        `The stand-in cluster does not support the '${operatorKeyword(op)}' operator.`,
        op,
      );
  }
}
