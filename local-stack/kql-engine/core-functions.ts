/** Binning, arithmetic, conditionals, null tests and conversions. */
import { randomUUID } from 'node:crypto';
import { floorMod, yearOneAlignment } from './datetime-text';
import { asNumber, type ScalarCall, type ScalarFunction } from './scalar-function-types';
import { toScalarOfType, toStringValue, type Value, type ValueType } from './values';
import type { KustoScalarType } from './public-types';
import { compareValues } from './compare-values';

/** bin(): datetimes are binned from 0001-01-01 like Kusto (so 7d bins start on Mondays). */
export function binValue(value: number, size: number, type: ValueType): number | null {
  if (!(size > 0)) return null;
  if (type === 'datetime') {
    return value - floorMod(value + yearOneAlignment(size), size);
  }
  const binned = Math.floor(value / size) * size;
  // Undo floating noise such as bin(0.3, 0.1) = 0.30000000000000004.
  return Number.isInteger(size) ? binned : Number(binned.toPrecision(15));
}

const bin: ScalarFunction = (call) => (args) => {
  const value = asNumber(args[0]);
  const size = asNumber(args[1]);
  if (value === null || size === null) return null;
  return binValue(value, size, call.argTypes[0] ?? 'unknown');
};

function roundAwayFromZero(value: number, digits: number): number {
  const factor = 10 ** digits;
  const scaled = Math.abs(value) * factor;
  // Numbers like 2.675 are stored as 2.67499999...; nudge by a relative epsilon first.
  const rounded = Math.round(scaled * (1 + Number.EPSILON)) / factor;
  return Math.sign(value) * rounded;
}

function numeric(f: (...n: number[]) => number): ScalarFunction {
  return () => (args) => {
    const nums = args.map(asNumber);
    if (nums.some((n) => n === null)) return null;
    return f(...(nums as number[]));
  };
}

function convertTo(type: KustoScalarType): ScalarFunction {
  return (call) => (args) => toScalarOfType(type, args[0] ?? null, call.argTypes[0] ?? 'unknown');
}

function isNullValue(call: ScalarCall, value: Value | undefined): boolean {
  // Kusto strings are never null.
  return (value === null || value === undefined) && call.argTypes[0] !== 'string';
}

function extremeOf(sign: 1 | -1): ScalarFunction {
  return (call) => (args) => {
    let best: Value = null;
    let bestType: ValueType = 'unknown';
    args.forEach((value, i) => {
      if (value === null) return;
      const type = call.argTypes[i] ?? 'unknown';
      const c = best === null ? sign : compareValues(value, type, best, bestType);
      if (c !== null && c * sign > 0) {
        best = value;
        bestType = type;
      }
    });
    return best;
  };
}

export const coreFunctions: Record<string, ScalarFunction> = {
  bin,
  floor: bin,
  bin_at: () => (args) => {
    const value = asNumber(args[0]);
    const size = asNumber(args[1]);
    const fixed = asNumber(args[2]);
    if (value === null || size === null || fixed === null || !(size > 0)) return null;
    return Math.floor((value - fixed) / size) * size + fixed;
  },
  round: () => (args) => {
    const value = asNumber(args[0]);
    const digits = args.length > 1 ? asNumber(args[1]) : 0;
    if (value === null || digits === null) return null;
    return roundAwayFromZero(value, digits);
  },
  abs: numeric(Math.abs),
  ceiling: numeric(Math.ceil),
  sign: numeric(Math.sign),
  sqrt: numeric(Math.sqrt),
  pow: numeric(Math.pow),
  exp: numeric(Math.exp),
  exp2: numeric((x) => 2 ** x),
  exp10: numeric((x) => 10 ** x),
  log: numeric(Math.log),
  log2: numeric(Math.log2),
  log10: numeric(Math.log10),
  sin: numeric(Math.sin),
  cos: numeric(Math.cos),
  tan: numeric(Math.tan),
  asin: numeric(Math.asin),
  acos: numeric(Math.acos),
  atan: numeric(Math.atan),
  atan2: numeric(Math.atan2),
  degrees: numeric((r) => (r * 180) / Math.PI),
  radians: numeric((d) => (d * Math.PI) / 180),
  pi: () => () => Math.PI,
  rand: () => (args) => {
    const range = asNumber(args[0]);
    return range === null || args.length === 0 ? Math.random() : Math.floor(Math.random() * range);
  },
  isnan: () => (args) => typeof args[0] === 'number' && Number.isNaN(args[0]),
  isinf: () => (args) => args[0] === Infinity || args[0] === -Infinity,
  isfinite: () => (args) => typeof args[0] === 'number' && Number.isFinite(args[0]),
  min_of: extremeOf(-1),
  max_of: extremeOf(1),
  iff: () => (args) => (args[0] === true ? (args[1] ?? null) : (args[2] ?? null)),
  iif: () => (args) => (args[0] === true ? (args[1] ?? null) : (args[2] ?? null)),
  case: () => (args) => {
    for (let i = 0; i + 1 < args.length; i += 2) {
      if (args[i] === true) return args[i + 1] ?? null;
    }
    return args[args.length - 1] ?? null;
  },
  coalesce: (call) => (args) => {
    for (const value of args) {
      if (value !== null && !(call.resultType === 'string' && value === '')) return value;
    }
    return call.resultType === 'string' ? '' : null;
  },
  isnull: (call) => (args) => isNullValue(call, args[0]),
  isnotnull: (call) => (args) => !isNullValue(call, args[0]),
  not: () => (args) => (typeof args[0] === 'boolean' ? !args[0] : null),
  tostring: (call) => (args) => toStringValue(call.argTypes[0] ?? 'unknown', args[0] ?? null),
  toint: convertTo('int'),
  tolong: convertTo('long'),
  todouble: convertTo('real'),
  toreal: convertTo('real'),
  todecimal: convertTo('decimal'),
  tobool: convertTo('bool'),
  toboolean: convertTo('bool'),
  todatetime: convertTo('datetime'),
  totimespan: convertTo('timespan'),
  totime: convertTo('timespan'),
  toguid: convertTo('guid'),
  new_guid: () => () => randomUUID(),
};
