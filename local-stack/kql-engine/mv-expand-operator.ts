/**
 * mv-expand: one output row per element of the expanded arrays/bags, expanded in parallel (short
 * lists padded with nulls). A null value gives one row; an empty array or bag gives none
 * (https://learn.microsoft.com/kusto/query/mv-expand-operator).
 */
import type { ColumnSchema, KustoScalarType } from './public-types';
import { kindOf, listElements, textOf, type Expression } from './kusto-language';
import { columnIndex, compileScalar, unsupported, type Evaluator } from './compile-scalar';
import { parseDatetimeText, parseTimespanText } from './datetime-text';
import {
  adoptAnalyzerSchema,
  analyzerColumns,
  compileContextFor,
  namedParameters,
  parameterWord,
  rejectUnknownParameters,
  type TabularContext,
} from './operator-helpers';
import { takeCount } from './basic-operators';
import { toScalarOfType, type Table, type Value } from './values';
import { checkRowLimit } from './query-scope';
import { batchesOf, lazyTable, withMeta } from './row-stream';

/** `to typeof(T)` casts without parsing: elements of another kind become null. */
function castElement(type: KustoScalarType, value: Value): Value {
  if (value === null) return type === 'string' ? '' : null;
  switch (type) {
    case 'dynamic':
      return value;
    case 'string':
      return typeof value === 'string' ? value : '';
    case 'int':
    case 'long':
      return typeof value === 'number' && Number.isInteger(value) ? value : null;
    case 'real':
    case 'decimal':
      return typeof value === 'number' ? value : null;
    case 'bool':
      return typeof value === 'boolean' ? value : null;
    case 'datetime':
      return typeof value === 'string' ? parseDatetimeText(value) : null;
    case 'timespan':
      return typeof value === 'string' ? parseTimespanText(value) : null;
    case 'guid':
      return toScalarOfType('guid', value, 'dynamic');
  }
}

function elementsOf(value: Value, bagAsArray: boolean): Value[] {
  if (value === null) return [null];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => (bagAsArray ? [k, v] : { [k]: v }));
  }
  return [value];
}

export function mvExpandOperator(
  op: Kusto.Language.Syntax.MvExpandOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  const parameters = namedParameters(op.Parameters);
  rejectUnknownParameters(parameters, ['bagexpansion', 'kind', 'with_itemindex'], 'mv-expand', op);
  const expansion = (
    parameterWord(parameters.get('bagexpansion') ?? parameters.get('kind')) ?? 'bag'
  ).toLowerCase();
  const indexColumn = parameters.has('with_itemindex')
    ? parameterWord(parameters.get('with_itemindex'))
    : undefined;
  const limit = op.RowLimitClause?.RowLimit
    ? takeCount(op.RowLimitClause.RowLimit, tctx)
    : Number.MAX_SAFE_INTEGER;
  const finalColumns = analyzerColumns(op) ?? [];
  const ctx = compileContextFor(input.columns, tctx);

  const columns: ColumnSchema[] = [...input.columns];
  const targets: { index: number; evaluate: Evaluator; type: KustoScalarType }[] = [];
  for (const item of listElements<Kusto.Language.Syntax.MvExpandExpression>(op.Expressions)) {
    let expression = item.Expression!;
    let name: string | null = null;
    if (kindOf(expression) === 'SimpleNamedExpression') {
      const named = expression as Kusto.Language.Syntax.SimpleNamedExpression;
      name = named.Name?.SimpleName ?? null;
      expression = named.Expression!;
    } else if (kindOf(expression) === 'NameReference') {
      name = (expression as Kusto.Language.Syntax.NameReference).SimpleName ?? null;
    }
    const compiled = compileScalar(expression, ctx);
    const typeNode = item.ToTypeOf?.TypeOf
      ? listElements<Expression>(item.ToTypeOf.TypeOf.Types)[0]
      : undefined;
    const type = (typeNode ? textOf(typeNode).trim().toLowerCase() : 'dynamic') as KustoScalarType;
    let index = name === null ? -1 : columnIndex(columns, name);
    if (index < 0) {
      index = columns.length;
      columns.push({ name: name ?? finalColumns[index]?.name ?? `Column${index}`, type });
    } else {
      columns[index] = { name: name!, type };
    }
    targets.push({ index, evaluate: compiled.evaluate, type });
  }
  if (
    targets.some(
      (t) =>
        ![
          'dynamic',
          'string',
          'int',
          'long',
          'real',
          'decimal',
          'bool',
          'datetime',
          'timespan',
          'guid',
        ].includes(t.type),
    )
  ) {
    unsupported('mv-expand: unknown target type.', op);
  }
  const indexAt = indexColumn ? columns.length : -1;
  if (indexColumn) columns.push({ name: indexColumn, type: 'long' });

  const expanded = lazyTable(withMeta(input, { columns }), function* () {
    let produced = 0;
    for (const batch of batchesOf(input)) {
      const rows: Value[][] = [];
      for (const source of batch) {
        const lists = targets.map((t) => elementsOf(t.evaluate(source), expansion === 'array'));
        const count = Math.min(limit, Math.max(...lists.map((l) => l.length)));
        checkRowLimit(produced + count, 'mv-expand', op);
        produced += count;
        for (let i = 0; i < count; i++) {
          const row = source.slice();
          row.length = columns.length;
          targets.forEach((target, t) => {
            const element = i < lists[t]!.length ? (lists[t]![i] ?? null) : null;
            row[target.index] = castElement(target.type, element);
          });
          if (indexAt >= 0) row[indexAt] = i;
          rows.push(row);
        }
      }
      if (rows.length > 0) yield rows;
    }
  });
  return adoptAnalyzerSchema(expanded, op);
}
