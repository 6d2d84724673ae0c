/**
 * parse: extracts columns from a string by a pattern of constants, `*` and column declarations.
 * kind=simple (default) is strict: the whole text must match and typed columns must convert, or
 * every extracted column is null. kind=regex treats the constants as regular expressions.
 */
import type { ColumnSchema, KustoScalarType } from './public-types';
import { kindOf, listElements, textOf, type Expression } from './kusto-language';
import { compileScalar, unsupported } from './compile-scalar';
import { kustoRegex } from './regex-translation';
import {
  adoptAnalyzerSchema,
  compileContextFor,
  namedParameters,
  parameterWord,
  rejectUnknownParameters,
  type TabularContext,
} from './operator-helpers';
import { toScalarOfType, toStringValue, type Table, type Value } from './values';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const TYPED_CAPTURE: Partial<Record<KustoScalarType, string>> = {
  int: '(-?\\d+)',
  long: '(-?\\d+)',
  real: '(-?\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?)',
};

export function parseOperator(
  op: Kusto.Language.Syntax.ParseOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  const parameters = namedParameters(op.Parameters);
  rejectUnknownParameters(parameters, ['kind', 'flags'], 'parse', op);
  const kind = (parameterWord(parameters.get('kind')) ?? 'simple').toLowerCase();
  if (kind !== 'simple' && kind !== 'regex') {
    unsupported(`The stand-in cluster does not support parse kind=${kind}.`, op);
  }
  const flags = parameterWord(parameters.get('flags')) ?? '';
  const source = compileScalar(op.Expression!, compileContextFor(input.columns, tctx));

  let pattern = '^';
  const targets: ColumnSchema[] = [];
  for (const part of listElements(op.Patterns)) {
    const partKind = kindOf(part);
    if (partKind === 'StarExpression') {
      pattern += '.*?';
    } else if (
      partKind === 'StringLiteralExpression' ||
      partKind === 'CompoundStringLiteralExpression'
    ) {
      const text = String((part as Expression).LiteralValue ?? '');
      pattern += kind === 'regex' ? `(?:${text})` : escapeRegex(text);
    } else if (partKind === 'NameAndTypeDeclaration' || partKind === 'NameDeclaration') {
      const declaration =
        partKind === 'NameDeclaration'
          ? (part as Kusto.Language.Syntax.NameDeclaration)
          : (part as Kusto.Language.Syntax.NameAndTypeDeclaration).Name!;
      const typeNode =
        partKind === 'NameAndTypeDeclaration'
          ? (part as Kusto.Language.Syntax.NameAndTypeDeclaration).Type
          : null;
      const typeText = typeNode ? textOf(typeNode).trim().toLowerCase() : 'string';
      const type = (
        typeText === 'date'
          ? 'datetime'
          : typeText === 'double'
            ? 'real'
            : typeText === 'time'
              ? 'timespan'
              : typeText
      ) as KustoScalarType;
      targets.push({ name: declaration.SimpleName ?? '', type });
      pattern += kind === 'regex' ? (TYPED_CAPTURE[type] ?? '(.*?)') : '(.*?)';
    } else {
      unsupported(
        `The stand-in cluster does not support '${textOf(part)}' in a parse pattern.`,
        part,
      );
    }
  }
  pattern += '$';
  const regex = kustoRegex(pattern, `s${flags.includes('i') ? 'i' : ''}`);

  const empty = targets.map((t) => (t.type === 'string' ? '' : null));
  const extract = (text: string): Value[] => {
    const match = regex.exec(text);
    if (!match) return empty;
    const values: Value[] = [];
    for (let i = 0; i < targets.length; i++) {
      const captured = match[i + 1] ?? '';
      const type = targets[i]!.type;
      const value = toScalarOfType(type, captured, 'string');
      // Simple mode is strict: a capture that is not of its column's type fails the whole match.
      if (value === null && type !== 'string') return empty;
      values.push(value);
    }
    return values;
  };

  const columns = [...input.columns];
  const indexes = targets.map((target) => {
    const existing = columns.findIndex((c) => c.name === target.name);
    if (existing >= 0) {
      columns[existing] = target;
      return existing;
    }
    columns.push(target);
    return columns.length - 1;
  });
  const rows = input.rows.map((row) => {
    const out = row.slice();
    out.length = columns.length;
    const values = extract(toStringValue(source.type, source.evaluate(row)));
    indexes.forEach((index, i) => (out[index] = values[i] ?? null));
    return out;
  });
  return adoptAnalyzerSchema({ ...input, columns, rows }, op);
}
