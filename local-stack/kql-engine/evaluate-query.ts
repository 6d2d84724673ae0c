/** The engine's entry point: analyze with the official binder, then evaluate statement by statement. */
import type {
  EvaluateOptions,
  EvaluationResult,
  PreparedDatabase,
  StreamingEvaluation,
  StreamingResultTable,
  WireValue,
} from './public-types';
import { KqlError, lineAndColumn } from './kql-error';
import {
  kindOf,
  kustoLanguage,
  listElements,
  listToArray,
  textOf,
  type Diagnostic,
  type Expression,
  type SyntaxNode,
} from './kusto-language';
import { internalsOf } from './prepare-database';
import { EvaluationError, UnsupportedError, type QueryScope } from './query-scope';
import { bindStatement, evaluateTabular } from './evaluate-tabular';
import { adoptAnalyzerSchema, compileContextFor } from './operator-helpers';
import { compileScalar } from './compile-scalar';
import { emptyVisualization } from './render-operator';
import { rowToWire, type Table } from './values';
import { batchesOf } from './row-stream';
import { rowJsonFor } from './row-json';
import { ticksFromUnixMs } from './datetime-text';

function diagnosticError(query: string, diagnostic: Diagnostic, syntax: boolean): KqlError {
  const start = Math.max(0, diagnostic.Start);
  const { line, column } = lineAndColumn(query, start);
  const analyzerCode = diagnostic.Code ?? 'KS000';
  const message = diagnostic.Message ?? 'Query could not be analyzed.';
  if (syntax) {
    return new KqlError(
      `Syntax error: ${message} [${analyzerCode}, line ${line}, column ${column}]`,
      {
        kind: 'syntax',
        code: 'SYN0002',
        line,
        column,
        start,
        length: diagnostic.Length,
      },
    );
  }
  // Unknown names (columns, tables, functions, plug-ins) are Kusto's SEM0100; operators are not.
  const unknownName = /does not refer to any known|function '[^']*' is not defined/i.test(message);
  return new KqlError(
    `Semantic error: ${message} [${analyzerCode}, line ${line}, column ${column}]`,
    {
      kind: 'semantic',
      code: unknownName ? 'SEM0100' : analyzerCode,
      line,
      column,
      start,
      length: diagnostic.Length,
    },
  );
}

function firstError(diagnostics: Diagnostic[]): Diagnostic | undefined {
  return diagnostics.filter((d) => d.Severity === 'Error').sort((a, b) => a.Start - b.Start)[0];
}

function nodeError(
  query: string,
  error: UnsupportedError | EvaluationError,
  kind: 'unsupported' | 'runtime',
): KqlError {
  const node = error.node;
  const start = node ? Math.max(0, node.TextStart) : 0;
  const length = node ? node.Width : 0;
  const { line, column } = lineAndColumn(query, start);
  return new KqlError(error.message, {
    kind,
    code: kind === 'unsupported' ? 'UNSUPPORTED' : 'RUNTIME',
    line,
    column,
    start,
    length,
  });
}

function optionValue(
  statement: Kusto.Language.Syntax.SetOptionStatement,
  scope: QueryScope,
): string | boolean | number {
  const expression = statement.ValueClause?.Expression;
  if (!expression) return true;
  const kind = kindOf(expression);
  if (kind === 'NameReference' || kind === 'TokenLiteralExpression')
    return textOf(expression).trim();
  const value = compileScalar(
    expression,
    compileContextFor([], { scope, run: evaluateTabular }),
  ).evaluate([]);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return textOf(expression).trim();
}

/** Any failure while evaluating, as the KqlError callers are promised. */
function asKqlError(query: string, error: unknown): KqlError {
  if (error instanceof UnsupportedError) return nodeError(query, error, 'unsupported');
  if (error instanceof EvaluationError) return nodeError(query, error, 'runtime');
  if (error instanceof KqlError) return error;
  return new KqlError(
    `The stand-in cluster failed to evaluate the query: ${(error as Error).message}`,
    { kind: 'runtime', code: 'RUNTIME', line: 1, column: 1, start: 0, length: 0 },
  );
}

/** Evaluates the whole query: every result table with all its rows. */
export function evaluate(
  query: string,
  db: PreparedDatabase,
  options: EvaluateOptions = {},
): EvaluationResult {
  const streaming = evaluateStreaming(query, db, options);
  const tables = streaming.tables.map((table) => {
    const rows: WireValue[][] = [];
    for (const batch of table.batches()) for (const row of batch) rows.push(row);
    return { name: table.name, columns: table.columns, rows, visualization: table.visualization };
  });
  return {
    tables,
    setOptions: streaming.setOptions,
    ...(streaming.scannedTables ? { scannedTables: streaming.scannedTables } : {}),
  };
}

/**
 * Analyzes the query and builds each result table's pipeline; rows are computed as the caller
 * pulls batches. Operators that need all their input (sort, summarize, join, ...) run while the
 * pipeline is built; row-by-row operators (where, project, extend, take, union, mv-expand, ...)
 * run batch by batch, so a caller that stops pulling stops the evaluation. Errors found while
 * pulling are thrown from `batches()` as KqlError.
 */
export function evaluateStreaming(
  query: string,
  db: PreparedDatabase,
  options: EvaluateOptions = {},
): StreamingEvaluation {
  const { storedTables, globals } = internalsOf(db);
  const language = kustoLanguage();
  const code = language.KustoCode.ParseAndAnalyze(query, globals)!;
  const syntaxError = firstError(listToArray(code.GetSyntaxDiagnostics()));
  if (syntaxError) throw diagnosticError(query, syntaxError, true);
  const semanticError = firstError(listToArray(code.GetDiagnostics()));
  if (semanticError) throw diagnosticError(query, semanticError, false);

  const root = code.Syntax as SyntaxNode;
  if (kindOf(root) !== 'QueryBlock') {
    throw new KqlError('The stand-in evaluates queries only; management commands go elsewhere.', {
      kind: 'unsupported',
      code: 'UNSUPPORTED',
      line: 1,
      column: 1,
      start: 0,
      length: query.length,
    });
  }

  const scope: QueryScope = {
    tables: storedTables,
    now: ticksFromUnixMs((options.now ?? new Date()).getTime()),
    ...(options.timeWindow
      ? {
          timeWindow: {
            from: ticksFromUnixMs(options.timeWindow.from.getTime()),
            to: ticksFromUnixMs(options.timeWindow.to.getTime()),
            columnByTable: options.timeWindow.columnByTable,
          },
        }
      : {}),
    bindings: new Map(),
    scans: new Map(),
  };
  const setOptions: Record<string, string | boolean | number> = {};
  const tables: StreamingResultTable[] = [];
  try {
    for (const statement of listElements((root as Kusto.Language.Syntax.QueryBlock).Statements)) {
      switch (kindOf(statement)) {
        case 'LetStatement':
          bindStatement(statement, scope);
          break;
        case 'SetOptionStatement': {
          const set = statement as Kusto.Language.Syntax.SetOptionStatement;
          setOptions[set.Name?.SimpleName ?? ''] = optionValue(set, scope);
          break;
        }
        case 'ExpressionStatement': {
          const expression = (statement as Kusto.Language.Syntax.ExpressionStatement)
            .Expression as Expression;
          if (expression.ResultType?.Kind !== language.Symbols.SymbolKind.Table) {
            throw new UnsupportedError(
              `The stand-in cluster supports statements that produce one table; '${textOf(expression).slice(0, 60)}' does not.`,
              expression,
            );
          }
          const table = adoptAnalyzerSchema(evaluateTabular(expression, scope), expression);
          tables.push({
            name: table.name ?? 'PrimaryResult',
            columns: table.columns,
            visualization: table.visualization ?? emptyVisualization(),
            batches: () => convertedBatches(query, table, (row) => rowToWire(table.columns, row)),
            jsonBatches: () => convertedBatches(query, table, rowJsonFor(table.columns)),
          });
          break;
        }
        default:
          throw new UnsupportedError(
            `The stand-in cluster does not support the statement '${textOf(statement).slice(0, 40)}'.`,
            statement,
          );
      }
    }
  } catch (error) {
    throw asKqlError(query, error);
  }
  return {
    tables,
    setOptions,
    scannedTables: [...scope.scans!].map(([name, rows]) => ({ name, rows })),
  };
}

function* convertedBatches<T>(
  query: string,
  table: Table,
  convert: (row: Table['rows'][number]) => T,
): Generator<T[]> {
  const iterator = batchesOf(table)[Symbol.iterator]();
  try {
    for (;;) {
      let step: IteratorResult<Table['rows']>;
      try {
        step = iterator.next();
      } catch (error) {
        throw asKqlError(query, error);
      }
      if (step.done) return;
      yield step.value.map(convert);
    }
  } finally {
    // A reader that stops early (limit, cancel, client gone) ends the pipeline's generators too.
    iterator.return?.();
  }
}
