/** What one evaluation can see: the database, the clock, options and the `let` bindings in scope. */
import type { Expression, SyntaxNode } from './kusto-language';
import type { Table, Value, ValueType } from './values';

export interface StoredTable {
  name: string;
  table: Table;
}

export type Binding =
  | { kind: 'scalar'; value: Value; type: ValueType }
  | { kind: 'tabular'; get: () => Table }
  | { kind: 'function'; declaration: SyntaxNode; scope: QueryScope };

export interface QueryScope {
  readonly tables: ReadonlyMap<string, StoredTable>;
  /** now() in ticks (see datetime-text.ts). */
  readonly now: number;
  /** App Insights' outer time window, in ticks. */
  readonly timeWindow?: { from: number; to: number; columnByTable: Record<string, string> };
  readonly bindings: Map<string, Binding>;
  readonly parent?: QueryScope;
  /** Rows read per stored table (the most any one reference read), for the query statistics. */
  readonly scans?: Map<string, number>;
}

export function childScope(parent: QueryScope): QueryScope {
  return {
    tables: parent.tables,
    now: parent.now,
    timeWindow: parent.timeWindow,
    bindings: new Map(),
    parent,
    ...(parent.scans ? { scans: parent.scans } : {}),
  };
}

export function lookupBinding(scope: QueryScope, name: string): Binding | undefined {
  for (let s: QueryScope | undefined = scope; s; s = s.parent) {
    const binding = s.bindings.get(name);
    if (binding) return binding;
  }
  return undefined;
}

/** Thrown for constructs the engine does not evaluate; turned into KqlError kind 'unsupported'. */
export class UnsupportedError extends Error {
  constructor(
    message: string,
    readonly node: SyntaxNode | Expression | null,
  ) {
    super(message);
  }
}

/** Thrown for failures while computing (bad regex, ...); turned into KqlError kind 'runtime'. */
export class EvaluationError extends Error {
  constructor(
    message: string,
    readonly node: SyntaxNode | Expression | null,
  ) {
    super(message);
  }
}

/**
 * The most rows one operator may produce. A real cluster stops runaway queries (E_RUNAWAY_QUERY);
 * the stand-in must not exhaust its process memory instead.
 */
export const MAX_OPERATOR_ROWS = 5_000_000;

export function checkRowLimit(count: number, operator: string, node: SyntaxNode | null): void {
  if (count > MAX_OPERATOR_ROWS) {
    throw new EvaluationError(
      `E_RUNAWAY_QUERY: ${operator} produced more than ${MAX_OPERATOR_ROWS.toLocaleString('en-US')} rows; the stand-in cluster stopped the query.`,
      node,
    );
  }
}
