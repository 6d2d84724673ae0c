/** Equality, ordering and grouping keys for values, with Kusto's null rules. */
import { toScalarOfType, type Value, type ValueType } from './values';

/** Rank of a JavaScript value kind, for ordering mixed dynamic values deterministically. */
function kindRank(value: Value): number {
  if (typeof value === 'boolean') return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  return 3;
}

/** Orders two non-null values (NaN is treated by the caller like null). Strings compare ordinally. */
export function compareNonNull(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const rankA = kindRank(a);
  const rankB = kindRank(b);
  if (rankA !== rankB) return rankA - rankB;
  const textA = JSON.stringify(a);
  const textB = JSON.stringify(b);
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}

/** Null and NaN sort together (Kusto keeps them side by side in either direction). */
export function isNullForSort(value: Value): boolean {
  return value === null || (typeof value === 'number' && Number.isNaN(value));
}

export interface SortKey {
  descending: boolean;
  nullsFirst: boolean;
}

/** Compares two rows' key arrays by the given sort keys. */
export function compareKeyArrays(a: Value[], b: Value[], keys: SortKey[]): number {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const va = a[i] ?? null;
    const vb = b[i] ?? null;
    const nullA = isNullForSort(va);
    const nullB = isNullForSort(vb);
    if (nullA || nullB) {
      // Kusto keeps null and NaN together at the nulls end: null, NaN, values... or ..., NaN, null.
      const rank = (v: Value, isNull: boolean): number => (!isNull ? 1 : v === null ? 0 : 0.5);
      const ra = rank(va, nullA);
      const rb = rank(vb, nullB);
      if (ra === rb) continue;
      return key.nullsFirst ? ra - rb : rb - ra;
    }
    const c = compareNonNull(va, vb);
    if (c !== 0) return key.descending ? -c : c;
  }
  return 0;
}

/**
 * Brings two operands to a common representation: a dynamic operand compared with a typed one is
 * converted to that type (dynamic '5' == 5 is false, dynamic 5 == 5 true; datetimes parse).
 */
export function alignOperands(
  a: Value,
  aType: ValueType,
  b: Value,
  bType: ValueType,
): [Value, Value] {
  if (aType === 'dynamic' && bType !== 'dynamic' && b !== null) {
    return [dynamicAs(bType, a), b];
  }
  if (bType === 'dynamic' && aType !== 'dynamic' && a !== null) {
    return [a, dynamicAs(aType, b)];
  }
  return [a, b];
}

function dynamicAs(type: ValueType, value: Value): Value {
  if (value === null || typeof value === 'object') return value;
  switch (type) {
    case 'datetime':
    case 'timespan':
    case 'guid':
      return toScalarOfType(type, value, 'dynamic');
    case 'string':
      return typeof value === 'string' ? value : undefinedMarker;
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return typeof value === 'number' ? value : undefinedMarker;
    case 'bool':
      return typeof value === 'boolean' ? value : undefinedMarker;
    default:
      return value;
  }
}

/** A value equal to nothing: a dynamic value of the wrong kind. */
const undefinedMarker: Value = { '\u0000mismatch': true };

/** Kusto `==`: null == null is null, null == x is false. */
export function equalsValue(
  a: Value,
  aType: ValueType,
  b: Value,
  bType: ValueType,
): boolean | null {
  if (a === null && b === null) return null;
  if (a === null || b === null) return false;
  const [x, y] = alignOperands(a, aType, b, bType);
  if (x === undefinedMarker || y === undefinedMarker) return false;
  if (typeof x === 'object' || typeof y === 'object')
    return JSON.stringify(x) === JSON.stringify(y);
  return x === y;
}

/** `<`, `>`, ...: the sign of a - b, or null when either side is null or they are incomparable. */
export function compareValues(
  a: Value,
  aType: ValueType,
  b: Value,
  bType: ValueType,
): number | null {
  if (a === null || b === null) return null;
  const [x, y] = alignOperands(a, aType, b, bType);
  if (x === null || y === null || x === undefinedMarker || y === undefinedMarker) return null;
  if (typeof x === 'number' && typeof y === 'number') {
    if (Number.isNaN(x) || Number.isNaN(y)) return null;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof x !== typeof y) return null;
  return compareNonNull(x, y);
}

/**
 * A Map key standing for a value: primitives are their own keys; arrays and bags are keyed by
 * their JSON text (prefixed so that it cannot collide with an ordinary string in practice).
 */
export function valueKey(value: Value): string | number | boolean | null {
  if (value === null || typeof value !== 'object') return value;
  return `\u0000json:${JSON.stringify(value)}`;
}

/** One string key for several values (group-by and join keys). */
export function compositeKey(values: Value[]): string | number | boolean | null {
  if (values.length === 1) return valueKey(values[0] ?? null);
  let key = '';
  for (const value of values) {
    if (value === null) key += '\u0001n';
    else if (typeof value === 'number') key += `\u0001d${value}`;
    else if (typeof value === 'string') key += `\u0001s${value}`;
    else if (typeof value === 'boolean') key += value ? '\u0001t' : '\u0001f';
    else key += `\u0001j${JSON.stringify(value)}`;
  }
  return key;
}
