/** Values of KQL literals, read from their token text (the analyzer's own values are lossy for some forms). */
import type { Expression } from './kusto-language';
import { kindOf, textOf } from './kusto-language';
import { parseDatetimeText, parseTimespanText } from './datetime-text';
import { toScalarOfType, type Value, type ValueType } from './values';

/** 'datetime(2007-01-01)' -> '2007-01-01'; '5m' stays '5m'. */
function innerText(text: string): string {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open >= 0 && close > open) return text.slice(open + 1, close).trim();
  return text.trim();
}

function stripQuotes(text: string): string {
  const m = /^(['"])(.*)\1$/s.exec(text);
  return m ? (m[2] ?? '') : text;
}

export class LiteralError extends Error {}

/** The value of a literal expression node, in the engine's value form. */
export function literalValue(node: Expression): { value: Value; type: ValueType } {
  const kind = kindOf(node);
  const text = textOf(node).trim();
  const inner = stripQuotes(innerText(text));
  const isNull = inner.toLowerCase() === 'null';
  switch (kind) {
    case 'StringLiteralExpression':
    case 'CompoundStringLiteralExpression':
      return { value: String(node.LiteralValue ?? ''), type: 'string' };
    case 'BooleanLiteralExpression':
      if (isNull) return { value: null, type: 'bool' };
      return { value: inner.toLowerCase() === 'true', type: 'bool' };
    case 'IntLiteralExpression':
    case 'LongLiteralExpression': {
      const type = kind === 'IntLiteralExpression' ? 'int' : 'long';
      if (isNull) return { value: null, type };
      const value = toScalarOfType(type, inner, 'string');
      if (value === null) throw new LiteralError(`Cannot read the ${type} literal '${text}'.`);
      return { value, type };
    }
    case 'RealLiteralExpression':
    case 'DecimalLiteralExpression': {
      const type = kind === 'RealLiteralExpression' ? 'real' : 'decimal';
      if (isNull) return { value: null, type };
      const value = toScalarOfType('real', inner, 'string');
      if (value === null) throw new LiteralError(`Cannot read the ${type} literal '${text}'.`);
      return { value, type };
    }
    case 'DateTimeLiteralExpression': {
      if (isNull) return { value: null, type: 'datetime' };
      const value = parseDatetimeText(inner);
      if (value === null) throw new LiteralError(`Cannot read the datetime literal '${text}'.`);
      return { value, type: 'datetime' };
    }
    case 'TimespanLiteralExpression': {
      if (isNull) return { value: null, type: 'timespan' };
      const value = parseTimespanText(inner);
      if (value === null) throw new LiteralError(`Cannot read the timespan literal '${text}'.`);
      return { value, type: 'timespan' };
    }
    case 'GuidLiteralExpression': {
      if (isNull) return { value: null, type: 'guid' };
      const value = toScalarOfType('guid', inner, 'string');
      if (value === null) throw new LiteralError(`Cannot read the guid literal '${text}'.`);
      return { value, type: 'guid' };
    }
    case 'DynamicExpression': {
      const json = innerText(text);
      if (json.toLowerCase() === 'null') return { value: null, type: 'dynamic' };
      try {
        return { value: JSON.parse(json) as Value, type: 'dynamic' };
      } catch {
        throw new LiteralError(
          `The stand-in cluster can only read dynamic literals written as JSON: '${text}'.`,
        );
      }
    }
    case 'NullLiteralExpression':
      return { value: null, type: 'null' };
    default:
      throw new LiteralError(`Unknown literal kind ${kind}.`);
  }
}

export function isLiteralKind(kind: string): boolean {
  return (
    (kind.endsWith('LiteralExpression') &&
      kind !== 'TokenLiteralExpression' &&
      kind !== 'TypeOfLiteralExpression') ||
    kind === 'DynamicExpression'
  );
}
