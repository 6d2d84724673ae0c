/** Functions over dynamic (JSON) values. */
import { compositeKey, equalsValue } from './compare-values';
import { asNumber, type ScalarCall, type ScalarFunction } from './scalar-function-types';
import { toDynamic, toStringValue, type Value } from './values';

function isBag(value: Value | undefined): value is { [k: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** parse_json: strings holding JSON become dynamic values; other strings stay strings. */
export function parseJsonValue(value: Value, type: string): Value {
  if (type !== 'string' || typeof value !== 'string') return value;
  if (value === '') return null;
  try {
    return JSON.parse(value) as Value;
  } catch {
    return value;
  }
}

function dyn(call: ScalarCall, args: Value[], index: number): Value {
  return toDynamic(call.argTypes[index] ?? 'unknown', args[index] ?? null);
}

export const dynamicFunctions: Record<string, ScalarFunction> = {
  parse_json: (call) => (args) => parseJsonValue(args[0] ?? null, call.argTypes[0] ?? 'unknown'),
  todynamic: (call) => (args) => parseJsonValue(args[0] ?? null, call.argTypes[0] ?? 'unknown'),
  array_length: () => (args) => (Array.isArray(args[0]) ? args[0].length : null),
  bag_keys: () => (args) => (isBag(args[0]) ? Object.keys(args[0]) : null),
  bag_has_key: (call) => (args) =>
    isBag(args[0]) &&
    Object.hasOwn(args[0], toStringValue(call.argTypes[1] ?? 'string', args[1] ?? '')),
  pack_array: (call) => (args) => args.map((_, i) => dyn(call, args, i)),
  pack: (call) => (args) => {
    const bag: { [k: string]: Value } = {};
    for (let i = 0; i + 1 < args.length; i += 2) {
      bag[toStringValue(call.argTypes[i] ?? 'string', args[i] ?? '')] = dyn(call, args, i + 1);
    }
    return bag;
  },
  array_concat: () => (args) => {
    if (args.some((a) => !Array.isArray(a))) return null;
    return (args as Value[][]).flat(1);
  },
  array_slice: () => (args) => {
    const array = args[0];
    const start = asNumber(args[1]);
    const end = asNumber(args[2]);
    if (!Array.isArray(array) || start === null || end === null) return null;
    const from = start < 0 ? Math.max(array.length + start, 0) : start;
    const to = end < 0 ? array.length + end : end;
    return array.slice(from, to + 1);
  },
  array_index_of: (call) => (args) => {
    const array = args[0];
    if (!Array.isArray(array)) return null;
    const lookup = args[1] ?? null;
    const type = call.argTypes[1] ?? 'unknown';
    return array.findIndex((item) => equalsValue(item, 'dynamic', lookup, type) === true);
  },
  set_has_element: (call) => (args) => {
    const array = args[0];
    if (!Array.isArray(array)) return null;
    const lookup = args[1] ?? null;
    const type = call.argTypes[1] ?? 'unknown';
    return array.some((item) => equalsValue(item, 'dynamic', lookup, type) === true);
  },
  set_union: () => (args) => {
    if (args.some((a) => !Array.isArray(a))) return null;
    const seen = new Set<unknown>();
    const out: Value[] = [];
    for (const item of (args as Value[][]).flat(1)) {
      const key = compositeKey([item]);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(item);
      }
    }
    return out;
  },
};
