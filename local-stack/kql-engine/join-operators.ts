/**
 * join and lookup on equality keys. The default join kind is innerunique, which keeps the first
 * left row per key (https://learn.microsoft.com/kusto/query/join-innerunique). Null keys match
 * nothing.
 */
import type { ColumnSchema } from './public-types';
import { kindOf, listElements, textOf, type Expression, type SyntaxNode } from './kusto-language';
import { columnIndex, unsupported } from './compile-scalar';
import { compositeKey } from './compare-values';
import {
  adoptAnalyzerSchema,
  namedParameters,
  parameterWord,
  rejectUnknownParameters,
  type TabularContext,
} from './operator-helpers';
import type { Table, Value } from './values';
import { checkRowLimit } from './query-scope';

interface KeyPair {
  left: number;
  right: number;
}

function sideColumn(node: Expression): { side: 'left' | 'right'; name: string } | null {
  if (kindOf(node) !== 'PathExpression') return null;
  const path = node as Kusto.Language.Syntax.PathExpression;
  const base = (path.Expression as Kusto.Language.Syntax.NameReference | null)?.SimpleName;
  const name = (path.Selector as Kusto.Language.Syntax.NameReference | null)?.SimpleName;
  if (!name || (base !== '$left' && base !== '$right')) return null;
  return { side: base === '$left' ? 'left' : 'right', name };
}

/** `on A, $left.B == $right.C and ...` -> column index pairs. */
function joinKeys(clause: SyntaxNode | null, left: Table, right: Table, op: SyntaxNode): KeyPair[] {
  if (!clause || kindOf(clause) !== 'JoinOnClause') {
    return unsupported('The stand-in cluster supports join/lookup only with an `on` clause.', op);
  }
  const pairs: KeyPair[] = [];
  const indexIn = (table: Table, name: string, where: SyntaxNode): number => {
    const index = columnIndex(table.columns, name);
    if (index < 0) unsupported(`Internal error: join key '${name}' not found.`, where);
    return index;
  };
  const visit = (expression: Expression): void => {
    const kind = kindOf(expression);
    if (kind === 'NameReference') {
      const name = (expression as Kusto.Language.Syntax.NameReference).SimpleName ?? '';
      pairs.push({
        left: indexIn(left, name, expression),
        right: indexIn(right, name, expression),
      });
      return;
    }
    if (kind === 'AndExpression') {
      const binary = expression as Kusto.Language.Syntax.BinaryExpression;
      visit(binary.Left!);
      visit(binary.Right!);
      return;
    }
    if (kind === 'EqualExpression') {
      const binary = expression as Kusto.Language.Syntax.BinaryExpression;
      const a = sideColumn(binary.Left!);
      const b = sideColumn(binary.Right!);
      if (a && b && a.side !== b.side) {
        const l = a.side === 'left' ? a : b;
        const r = a.side === 'left' ? b : a;
        pairs.push({
          left: indexIn(left, l.name, expression),
          right: indexIn(right, r.name, expression),
        });
        return;
      }
    }
    unsupported(
      `The stand-in cluster supports only equality join conditions, not '${textOf(expression)}'.`,
      expression,
    );
  };
  for (const expression of listElements<Expression>(
    (clause as Kusto.Language.Syntax.JoinOnClause).Expressions,
  )) {
    visit(expression);
  }
  return pairs;
}

function keyOf(row: Value[], indexes: number[]): unknown {
  const values = indexes.map((i) => row[i] ?? null);
  return values.some((v) => v === null) ? undefined : compositeKey(values);
}

function emptyRow(columns: ColumnSchema[]): Value[] {
  return columns.map((c) => (c.type === 'string' ? '' : null));
}

const JOIN_KINDS = new Set([
  'innerunique',
  'inner',
  'leftouter',
  'rightouter',
  'fullouter',
  'leftsemi',
  'leftanti',
  'anti',
  'leftantisemi',
  'rightsemi',
  'rightanti',
  'rightantisemi',
]);

function indexRight(right: Table, rightIdx: number[]): Map<unknown, number[]> {
  const byKey = new Map<unknown, number[]>();
  right.rows.forEach((row, i) => {
    const key = keyOf(row, rightIdx);
    if (key === undefined) return;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  return byKey;
}

export function joinOperator(
  op: Kusto.Language.Syntax.JoinOperator,
  left: Table,
  tctx: TabularContext,
): Table {
  const parameters = namedParameters(op.Parameters);
  rejectUnknownParameters(parameters, ['kind'], 'join', op);
  const kind = (parameterWord(parameters.get('kind')) ?? 'innerunique').toLowerCase();
  if (!JOIN_KINDS.has(kind))
    unsupported(`The stand-in cluster does not support join kind=${kind}.`, op);
  const right = tctx.run(op.Expression!, tctx.scope);
  const pairs = joinKeys(op.ConditionClause, left, right, op);
  const leftIdx = pairs.map((p) => p.left);
  const rightIdx = pairs.map((p) => p.right);
  const byKey = indexRight(right, rightIdx);

  let leftRows = left.rows;
  if (kind === 'innerunique') {
    const seen = new Set<unknown>();
    leftRows = leftRows.filter((row) => {
      const key = keyOf(row, leftIdx);
      if (key === undefined || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  const rows: Value[][] = [];
  let columns: ColumnSchema[] = [...left.columns, ...right.columns];
  const matchedRight = new Set<number>();
  const nullLeft = emptyRow(left.columns);
  const nullRight = emptyRow(right.columns);
  if (kind === 'rightsemi' || kind === 'rightanti' || kind === 'rightantisemi') {
    const leftKeys = new Set(
      leftRows.map((row) => keyOf(row, leftIdx)).filter((k) => k !== undefined),
    );
    const wantMatch = kind === 'rightsemi';
    for (const row of right.rows) {
      const key = keyOf(row, rightIdx);
      if ((key !== undefined && leftKeys.has(key)) === wantMatch) rows.push(row);
    }
    columns = right.columns;
  } else {
    for (const leftRow of leftRows) {
      const key = keyOf(leftRow, leftIdx);
      const matches = key === undefined ? undefined : byKey.get(key);
      if (kind === 'leftsemi') {
        if (matches) rows.push(leftRow);
        continue;
      }
      if (kind === 'leftanti' || kind === 'anti' || kind === 'leftantisemi') {
        if (!matches) rows.push(leftRow);
        continue;
      }
      if (matches) {
        checkRowLimit(rows.length + matches.length, 'join', op);
        for (const i of matches) {
          matchedRight.add(i);
          rows.push([...leftRow, ...right.rows[i]!]);
        }
      } else if (kind === 'leftouter' || kind === 'fullouter') {
        rows.push([...leftRow, ...nullRight]);
      }
    }
    if (kind === 'leftsemi' || kind === 'leftanti' || kind === 'anti' || kind === 'leftantisemi') {
      columns = left.columns;
    }
    if (kind === 'rightouter' || kind === 'fullouter') {
      right.rows.forEach((row, i) => {
        if (!matchedRight.has(i)) rows.push([...nullLeft, ...row]);
      });
    }
  }
  return adoptAnalyzerSchema({ columns, rows }, op);
}

/** lookup: a left outer (or inner) join that drops the right side's key columns. */
export function lookupOperator(
  op: Kusto.Language.Syntax.LookupOperator,
  left: Table,
  tctx: TabularContext,
): Table {
  const parameters = namedParameters(op.Parameters);
  rejectUnknownParameters(parameters, ['kind'], 'lookup', op);
  const kind = (parameterWord(parameters.get('kind')) ?? 'leftouter').toLowerCase();
  if (kind !== 'leftouter' && kind !== 'inner')
    unsupported(`The stand-in cluster does not support lookup kind=${kind}.`, op);
  const right = tctx.run(op.Expression!, tctx.scope);
  const pairs = joinKeys(op.LookupClause, left, right, op);
  const leftIdx = pairs.map((p) => p.left);
  const rightIdx = pairs.map((p) => p.right);
  const keep = right.columns.map((_, i) => i).filter((i) => !rightIdx.includes(i));
  const byKey = indexRight(right, rightIdx);
  const nullRight = keep.map((i) => (right.columns[i]!.type === 'string' ? '' : null));
  const rows: Value[][] = [];
  for (const leftRow of left.rows) {
    const key = keyOf(leftRow, leftIdx);
    const matches = key === undefined ? undefined : byKey.get(key);
    if (matches) {
      checkRowLimit(rows.length + matches.length, 'lookup', op);
      for (const i of matches)
        rows.push([...leftRow, ...keep.map((k) => right.rows[i]![k] ?? null)]);
    } else if (kind === 'leftouter') {
      rows.push([...leftRow, ...nullRight]);
    }
  }
  return adoptAnalyzerSchema(
    { columns: [...left.columns, ...keep.map((i) => right.columns[i]!)], rows },
    op,
  );
}
