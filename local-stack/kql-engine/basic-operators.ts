/** Row-by-row and column-shaping operators: where, take, project*, extend, count, distinct, as, getschema. */
import type { ColumnSchema, KustoScalarType } from './public-types';
import { kindOf, listElements, type Expression, type SyntaxNode } from './kusto-language';
import { columnIndex, compileScalar, unsupported, type Compiled } from './compile-scalar';
import { compositeKey } from './compare-values';
import { aggregateOutputColumns } from './aggregate-functions';
import {
  adoptAnalyzerSchema,
  analyzerColumns,
  compileContextFor,
  namedParameters,
  rejectUnknownParameters,
  type TabularContext,
} from './operator-helpers';
import type { Table, Value } from './values';
import { checkRowLimit } from './query-scope';
import { batchesOf, lazyTable, mapBatches, ROW_BATCH, withMeta } from './row-stream';

type SimpleNamedExpression = Kusto.Language.Syntax.SimpleNamedExpression;

export function whereOperator(
  op: Kusto.Language.Syntax.FilterOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  rejectUnknownParameters(namedParameters(op.Parameters), [], 'where', op);
  const predicate = compileScalar(op.Condition!, compileContextFor(input.columns, tctx)).evaluate;
  return mapBatches(input, {}, (batch) => batch.filter((row) => predicate(row) === true));
}

export function takeCount(node: Expression, tctx: TabularContext): number {
  const value = compileScalar(node, compileContextFor([], tctx)).evaluate([]);
  if (typeof value !== 'number' || value < 0) {
    return unsupported('take/limit needs a non-negative number of rows.', node);
  }
  return Math.floor(value);
}

export function takeOperator(
  op: Kusto.Language.Syntax.TakeOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  const count = takeCount(op.Expression!, tctx);
  return lazyTable(withMeta(input, {}), function* () {
    if (count === 0) return;
    let left = count;
    for (const batch of batchesOf(input)) {
      if (batch.length >= left) {
        yield batch.length === left ? batch : batch.slice(0, left);
        return;
      }
      left -= batch.length;
      yield batch;
    }
  });
}

/** sample: N rows picked at random, kept in input order. */
export function sampleOperator(
  op: Kusto.Language.Syntax.SampleOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  const count = Math.min(takeCount(op.Expression!, tctx), input.rows.length);
  const indexes = input.rows.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (indexes.length - i));
    [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
  }
  const picked = indexes.slice(0, count).sort((a, b) => a - b);
  return { ...input, rows: picked.map((i) => input.rows[i]!), sorted: false };
}

export function countOperator(op: SyntaxNode, input: Table): Table {
  return adoptAnalyzerSchema(
    { columns: [{ name: 'Count', type: 'long' }], rows: [[countRows(input)]] },
    op,
  );
}

/** Counts rows batch by batch, never holding a lazy input's rows. */
function countRows(input: Table): number {
  let count = 0;
  for (const batch of batchesOf(input)) count += batch.length;
  return count;
}

/** The declared name of `Name = expr`, or null for a bare expression. */
function declaredName(expression: Expression): string | null {
  if (kindOf(expression) === 'SimpleNamedExpression') {
    return (expression as SimpleNamedExpression).Name?.SimpleName ?? null;
  }
  return null;
}

function rejectCompoundNames(expression: Expression): void {
  if (kindOf(expression) === 'CompoundNamedExpression') {
    unsupported('The stand-in cluster does not support (a, b) = ... assignments.', expression);
  }
}

/**
 * extend: new columns are appended; assigning an existing name replaces that column in place.
 * Every expression sees the input row only (the analyzer does not let an extend use a column it
 * defines). Unnamed expressions take the analyzer's names.
 */
export function extendOperator(
  op: Kusto.Language.Syntax.ExtendOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  const finalColumns = analyzerColumns(op) ?? [];
  const ctx = compileContextFor(input.columns, tctx);
  const columns: ColumnSchema[] = [...input.columns];
  const steps: { indexes: number[]; compiled: Compiled; tuple: boolean }[] = [];
  const place = (name: string | null, type: KustoScalarType): number => {
    let index = name === null ? -1 : columnIndex(columns, name);
    if (index >= 0) {
      columns[index] = { name: name!, type };
    } else {
      index = columns.length;
      columns.push({ name: name ?? finalColumns[index]?.name ?? `Column${index}`, type });
    }
    return index;
  };
  for (const expression of listElements<Expression>(op.Expressions)) {
    // A function returning several columns (series_decompose_anomalies): `(a, b, c) = f(x)`
    // names them, a bare `f(x)` takes the analyzer's names; the value is one array per row.
    const compound = kindOf(expression) === 'CompoundNamedExpression';
    const valueNode = compound
      ? (expression as Kusto.Language.Syntax.CompoundNamedExpression).Expression!
      : expression;
    const compiled = compileScalar(valueNode, ctx);
    const tupleColumns = aggregateOutputColumns(valueNode);
    if (tupleColumns.length > 1) {
      // `a = f(x)` names them a_ad_flag, a_ad_score…: the analyzer's names (place() with null).
      const names = compound
        ? listElements<Kusto.Language.Syntax.NameDeclaration>(
            (expression as Kusto.Language.Syntax.CompoundNamedExpression).Names?.Names ?? null,
          ).map((n) => n.SimpleName ?? null)
        : tupleColumns.map(() => null);
      const indexes = tupleColumns.map((column, i) =>
        place(names[i] ?? null, (column.type as string) === 'unknown' ? 'dynamic' : column.type),
      );
      steps.push({ indexes, compiled, tuple: true });
      continue;
    }
    rejectCompoundNames(expression);
    const type = (
      compiled.type === 'unknown' || compiled.type === 'null' ? 'dynamic' : compiled.type
    ) as KustoScalarType;
    const index = place(declaredName(expression), type);
    steps.push({ indexes: [index], compiled, tuple: false });
  }
  const width = columns.length;
  const extended = mapBatches(input, { columns }, (batch) =>
    batch.map((source) => {
      const row = source.slice();
      row.length = width;
      for (const { indexes, compiled, tuple } of steps) {
        const value = compiled.evaluate(source);
        if (!tuple) row[indexes[0]!] = value;
        else
          indexes.forEach(
            (index, i) => (row[index] = Array.isArray(value) ? (value[i] ?? null) : null),
          );
      }
      return row;
    }),
  );
  return adoptAnalyzerSchema(extended, op);
}

/** project: exactly the listed expressions, computed on the input row, named by the analyzer. */
export function projectOperator(
  op: Kusto.Language.Syntax.ProjectOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  const finalColumns = analyzerColumns(op) ?? [];
  const ctx = compileContextFor(input.columns, tctx);
  const compiledList = listElements<Expression>(op.Expressions).map((expression) => {
    rejectCompoundNames(expression);
    return compileScalar(expression, ctx);
  });
  const outputColumns = compiledList.map((compiled, i) => ({
    name: finalColumns[i]?.name ?? `Column${i + 1}`,
    type: (finalColumns[i]?.type ?? compiled.type) as KustoScalarType,
  }));
  const evaluators = compiledList.map((c) => c.evaluate);
  const projected = mapBatches(input, { columns: outputColumns }, (batch) =>
    batch.map((source) => evaluators.map((evaluate) => evaluate(source))),
  );
  return adoptAnalyzerSchema(projected, op);
}

/** project-away / project-keep / project-reorder: the analyzer's output columns, picked by name. */
export function reshapeByName(op: SyntaxNode, input: Table): Table {
  const columns = analyzerColumns(op);
  if (!columns) return input;
  const indexes = columns.map((column) => {
    const index = columnIndex(input.columns, column.name);
    if (index < 0) unsupported(`Internal error: no input column '${column.name}'.`, op);
    return index;
  });
  return mapBatches(input, { columns }, (batch) =>
    batch.map((row) => indexes.map((i) => row[i] ?? null)),
  );
}

/** project-rename: same columns in the same places, new names. */
export function projectRenameOperator(op: SyntaxNode, input: Table): Table {
  return adoptAnalyzerSchema(input, op);
}

export function distinctOperator(
  op: Kusto.Language.Syntax.DistinctOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  const expressions = listElements<Expression>(op.Expressions);
  let projected: Table;
  if (expressions.length === 1 && kindOf(expressions[0]!) === 'StarExpression') {
    projected = input;
  } else {
    const compiled = expressions.map((e) =>
      compileScalar(e, compileContextFor(input.columns, tctx)),
    );
    projected = {
      columns: compiled.map((c, i) => ({
        name: `Column${i + 1}`,
        type: c.type as KustoScalarType,
      })),
      rows: input.rows.map((row) => compiled.map((c) => c.evaluate(row))),
    };
  }
  const seen = new Set<unknown>();
  const rows = projected.rows.filter((row) => {
    const key = compositeKey(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return adoptAnalyzerSchema({ columns: projected.columns, rows }, op);
}

export function asOperator(op: Kusto.Language.Syntax.AsOperator, input: Table): Table {
  const name = op.Name?.SimpleName ?? input.name;
  return withMeta(input, name !== undefined ? { name } : {});
}

const CLR_TYPES: Record<KustoScalarType, string> = {
  bool: 'System.Boolean',
  int: 'System.Int32',
  long: 'System.Int64',
  real: 'System.Double',
  decimal: 'System.Data.SqlTypes.SqlDecimal',
  datetime: 'System.DateTime',
  timespan: 'System.TimeSpan',
  string: 'System.String',
  guid: 'System.Guid',
  dynamic: 'System.Object',
};

export function getSchemaOperator(op: SyntaxNode, input: Table): Table {
  const rows = input.columns.map((column, i) => [
    column.name,
    i,
    CLR_TYPES[column.type],
    column.type,
  ]);
  return adoptAnalyzerSchema(
    {
      columns: [
        { name: 'ColumnName', type: 'string' },
        { name: 'ColumnOrdinal', type: 'int' },
        { name: 'DataType', type: 'string' },
        { name: 'ColumnType', type: 'string' },
      ],
      rows,
    },
    op,
  );
}

export function printOperator(
  op: Kusto.Language.Syntax.PrintOperator,
  tctx: TabularContext,
): Table {
  const expressions = listElements<Expression>(op.Expressions);
  const compiled = expressions.map((e) => compileScalar(e, compileContextFor([], tctx)));
  const columns = compiled.map((c, i) => ({ name: `print_${i}`, type: c.type as KustoScalarType }));
  return adoptAnalyzerSchema({ columns, rows: [compiled.map((c) => c.evaluate([]))] }, op);
}

export function rangeOperator(
  op: Kusto.Language.Syntax.RangeOperator,
  tctx: TabularContext,
): Table {
  const ctx = compileContextFor([], tctx);
  const from = compileScalar(op.From!, ctx).evaluate([]);
  const to = compileScalar(op.To!, ctx).evaluate([]);
  const step = compileScalar(op.Step!, ctx).evaluate([]);
  if (
    typeof from !== 'number' ||
    typeof to !== 'number' ||
    typeof step !== 'number' ||
    step === 0
  ) {
    return unsupported('range needs non-null from, to and a non-zero step.', op);
  }
  const count = Math.floor((to - from) / step) + 1;
  checkRowLimit(count, 'range', op);
  const columns: ColumnSchema[] = [{ name: op.Name?.SimpleName ?? 'Value', type: 'long' }];
  const range = lazyTable({ columns }, function* () {
    for (let start = 0; start < count; start += ROW_BATCH) {
      const batch: Value[][] = [];
      const end = Math.min(count, start + ROW_BATCH);
      for (let i = start; i < end; i++) batch.push([from + i * step]);
      yield batch;
    }
  });
  return adoptAnalyzerSchema(range, op);
}

export function dataTableExpression(
  node: Kusto.Language.Syntax.DataTableExpression,
  tctx: TabularContext,
): Table {
  const columns = analyzerColumns(node) ?? [];
  if (columns.length === 0) return unsupported('datatable needs at least one column.', node);
  const ctx = compileContextFor([], tctx);
  const values = listElements<Expression>(node.Values).map((v) => compileScalar(v, ctx));
  if (values.length % columns.length !== 0) {
    return unsupported('datatable values do not fill whole rows.', node);
  }
  const rows: Value[][] = [];
  for (let i = 0; i < values.length; i += columns.length) {
    rows.push(
      columns.map((column, j) => {
        const compiled = values[i + j]!;
        const value = compiled.evaluate([]);
        if (column.type === 'string' && value === null) return '';
        return value;
      }),
    );
  }
  return { columns, rows };
}
