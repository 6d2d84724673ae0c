/** Shared pieces of the tabular operators: the analyzer's schemas, named parameters, contexts. */
import type { ColumnSchema, KustoScalarType } from './public-types';
import {
  kindOf,
  kustoLanguage,
  listElements,
  listToArray,
  textOf,
  type Expression,
  type SyntaxNode,
} from './kusto-language';
import { typeOfExpression, unsupported, type CompileContext } from './compile-scalar';
import type { QueryScope } from './query-scope';
import type { Table } from './values';
import { withMeta } from './row-stream';

export interface TabularContext {
  scope: QueryScope;
  /** Evaluates a tabular expression in a scope (the dispatcher in evaluate-tabular). */
  run: (node: Expression, scope: QueryScope) => Table;
  /** A database table by name, with the App Insights time window applied. */
  storedTable?: (name: string, node: SyntaxNode) => Table;
}

export function compileContextFor(
  columns: readonly ColumnSchema[],
  tctx: TabularContext,
): CompileContext {
  return { columns, scope: tctx.scope, runTabular: tctx.run };
}

/** The columns the analyzer gives a tabular node's result (names and types are Kusto's own). */
export function analyzerColumns(node: SyntaxNode): ColumnSchema[] | null {
  const resultType = (node as Expression).ResultType;
  if (!resultType || resultType.Kind !== kustoLanguage().Symbols.SymbolKind.Table) return null;
  const columns = listToArray((resultType as Kusto.Language.Symbols.TableSymbol).Columns);
  return columns.map((c) => {
    const type = typeOfExpression({ ResultType: c.Type } as Expression);
    return {
      name: c.Name ?? '',
      type: (type === 'unknown' || type === 'null' ? 'dynamic' : type) as KustoScalarType,
    };
  });
}

/**
 * Takes the analyzer's names and types for an operator's output. The operator computed the same
 * columns in the same order; a different count means the engine misunderstood the operator, and
 * a wrong answer is worse than an error.
 */
export function adoptAnalyzerSchema(table: Table, node: SyntaxNode): Table {
  const columns = analyzerColumns(node);
  if (!columns) return table;
  if (columns.length !== table.columns.length) {
    unsupported(
      `Internal error: the stand-in computed ${table.columns.length} columns for '${textOf(node).slice(0, 80)}' where Kusto has ${columns.length}.`,
      node,
    );
  }
  return withMeta(table, { columns });
}

/** Named parameters (`kind=inner`, `withsource=X`) by lower-cased name. */
export function namedParameters(list: SyntaxNode | null): Map<string, Expression> {
  const out = new Map<string, Expression>();
  for (const parameter of listElements<Kusto.Language.Syntax.NamedParameter>(list)) {
    const name = parameter.Name?.SimpleName?.toLowerCase();
    if (name && parameter.Expression) out.set(name, parameter.Expression);
  }
  return out;
}

/** The word of a parameter value: `inner` in kind=inner, a name, or a string literal's text. */
export function parameterWord(expression: Expression | undefined): string | undefined {
  if (!expression) return undefined;
  const kind = kindOf(expression);
  if (kind === 'StringLiteralExpression') return String(expression.LiteralValue ?? '');
  if (kind === 'NameDeclaration' || kind === 'NameReference') {
    return (expression as unknown as { SimpleName: string }).SimpleName;
  }
  return textOf(expression).trim();
}

/** Only the listed named parameters are understood; others would change results silently. */
export function rejectUnknownParameters(
  parameters: Map<string, Expression>,
  allowed: string[],
  operatorName: string,
  node: SyntaxNode,
): void {
  for (const name of parameters.keys()) {
    if (!allowed.includes(name) && !name.startsWith('hint.')) {
      unsupported(
        `The stand-in cluster does not support the parameter '${name}' of '${operatorName}'.`,
        node,
      );
    }
  }
}
