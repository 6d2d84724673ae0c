/** Datetime and timespan scalar functions, on 100 ns ticks (see datetime-text.ts), in UTC. */
import {
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MILLISECOND,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
  floorMod,
  formatDatetimeWire,
  ticksFromUnixMs,
  unixMsFromTicks,
  yearOneAlignment,
} from './datetime-text';
import { EvaluationError } from './query-scope';
import { asNumber, type ScalarFunction } from './scalar-function-types';
import type { Value } from './values';

const TICKS_PER_WEEK = 7 * TICKS_PER_DAY;

function startOfDay(t: number): number {
  return t - floorMod(t, TICKS_PER_DAY);
}

/** 0 = Sunday ... 6 = Saturday (the tick origin, 2020-01-01, was a Wednesday). */
function weekday(t: number): number {
  return floorMod(startOfDay(t) / TICKS_PER_DAY + 3, 7);
}

function dateOf(t: number): Date {
  return new Date(unixMsFromTicks(t));
}

function utcTicks(year: number, monthIndex: number, day: number): number {
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, monthIndex, day);
  return ticksFromUnixMs(date.getTime());
}

function startOfMonth(t: number, offset: number): number {
  const d = dateOf(t);
  return utcTicks(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

function startOfYear(t: number, offset: number): number {
  return utcTicks(dateOf(t).getUTCFullYear() + offset, 0, 1);
}

function startOfWeek(t: number, offset: number): number {
  return startOfDay(t) - weekday(t) * TICKS_PER_DAY + offset * TICKS_PER_WEEK;
}

function dayOfYear(t: number): number {
  return (startOfDay(t) - utcTicks(dateOf(t).getUTCFullYear(), 0, 1)) / TICKS_PER_DAY + 1;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeek(t: number): number {
  const isoWeekday = (weekday(t) + 6) % 7; // Monday = 0
  const thursday = startOfDay(t) + (3 - isoWeekday) * TICKS_PER_DAY;
  const yearStart = utcTicks(dateOf(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / TICKS_PER_WEEK) + 1;
}

/** One argument that is a datetime (or null): the common shape. */
function datetimeFn(f: (t: number, rest: Value[]) => Value): ScalarFunction {
  return () => (args) => {
    const t = asNumber(args[0]);
    return t === null ? null : f(t, args.slice(1));
  };
}

function offsetArg(rest: Value[]): number {
  return Math.trunc(asNumber(rest[0]) ?? 0);
}

function partName(value: Value | undefined): string {
  return String(value ?? '')
    .toLowerCase()
    .replace(/[\s_]/g, '');
}

function datetimePart(part: string, t: number): number | null {
  const d = dateOf(t);
  const withinSecond = floorMod(t, TICKS_PER_SECOND);
  switch (part) {
    case 'year':
      return d.getUTCFullYear();
    case 'quarter':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'month':
      return d.getUTCMonth() + 1;
    case 'weekofyear':
    case 'week':
      return isoWeek(t);
    case 'day':
      return d.getUTCDate();
    case 'dayofyear':
      return dayOfYear(t);
    case 'hour':
      return d.getUTCHours();
    case 'minute':
      return d.getUTCMinutes();
    case 'second':
      return d.getUTCSeconds();
    case 'millisecond':
      return Math.floor(withinSecond / TICKS_PER_MILLISECOND);
    case 'microsecond':
      return Math.floor(withinSecond / 10);
    case 'nanosecond':
      return withinSecond * 100;
    default:
      return null;
  }
}

const FIXED_PART_TICKS: Record<string, number> = {
  week: TICKS_PER_WEEK,
  day: TICKS_PER_DAY,
  hour: TICKS_PER_HOUR,
  minute: TICKS_PER_MINUTE,
  second: TICKS_PER_SECOND,
  millisecond: TICKS_PER_MILLISECOND,
  microsecond: 10,
  nanosecond: 0.01,
};

function addMonths(t: number, months: number): number {
  const d = dateOf(t);
  const subMs = floorMod(t, TICKS_PER_MILLISECOND);
  const targetMonth = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(2000, 0, 1));
  lastDay.setUTCFullYear(d.getUTCFullYear(), targetMonth + 1, 0);
  const target = new Date(Date.UTC(2000, 0, 1));
  target.setUTCFullYear(
    d.getUTCFullYear(),
    targetMonth,
    Math.min(d.getUTCDate(), lastDay.getUTCDate()),
  );
  target.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return ticksFromUnixMs(target.getTime()) + subMs;
}

function datetimeAdd(part: string, amount: number, t: number): number | null {
  if (part === 'year') return addMonths(t, amount * 12);
  if (part === 'quarter') return addMonths(t, amount * 3);
  if (part === 'month') return addMonths(t, amount);
  const unit = FIXED_PART_TICKS[part];
  return unit === undefined ? null : t + amount * unit;
}

/** Number of `part` boundaries between two datetimes (first - second), as Kusto counts them. */
function datetimeDiff(part: string, a: number, b: number): number | null {
  const da = dateOf(a);
  const db = dateOf(b);
  switch (part) {
    case 'year':
      return da.getUTCFullYear() - db.getUTCFullYear();
    case 'quarter':
      return (
        (da.getUTCFullYear() - db.getUTCFullYear()) * 4 +
        Math.floor(da.getUTCMonth() / 3) -
        Math.floor(db.getUTCMonth() / 3)
      );
    case 'month':
      return (da.getUTCFullYear() - db.getUTCFullYear()) * 12 + da.getUTCMonth() - db.getUTCMonth();
    case 'week':
      return Math.round((startOfWeek(a, 0) - startOfWeek(b, 0)) / TICKS_PER_WEEK);
    case 'microsecond':
      return Math.floor(a / 10) - Math.floor(b / 10);
    case 'nanosecond':
      return (a - b) * 100;
    default: {
      const unit = FIXED_PART_TICKS[part];
      if (unit === undefined) return null;
      const o = yearOneAlignment(unit);
      return Math.floor((a + o) / unit) - Math.floor((b + o) / unit);
    }
  }
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** format_datetime: .NET-style custom format specifiers (yyyy, MM, dd, HH, hh, mm, ss, f..., F..., tt). */
export function formatDatetime(t: number, format: string): string {
  const d = dateOf(t);
  const wire = formatDatetimeWire(t);
  const fraction = wire.slice(20, 27);
  let out = '';
  let i = 0;
  while (i < format.length) {
    const ch = format[i]!;
    let run = 1;
    while (format[i + run] === ch) run++;
    const pad = (n: number, width: number): string => String(n).padStart(width, '0');
    switch (ch) {
      case 'y':
        out += run <= 2 ? pad(d.getUTCFullYear() % 100, run) : pad(d.getUTCFullYear(), run);
        break;
      case 'M':
        if (run <= 2) out += pad(d.getUTCMonth() + 1, run);
        else
          out +=
            run === 3 ? MONTH_NAMES[d.getUTCMonth()]!.slice(0, 3) : MONTH_NAMES[d.getUTCMonth()]!;
        break;
      case 'd':
        if (run <= 2) out += pad(d.getUTCDate(), run);
        else out += run === 3 ? DAY_NAMES[d.getUTCDay()]!.slice(0, 3) : DAY_NAMES[d.getUTCDay()]!;
        break;
      case 'H':
        out += pad(d.getUTCHours(), Math.min(run, 2));
        break;
      case 'h':
        out += pad(d.getUTCHours() % 12 || 12, Math.min(run, 2));
        break;
      case 'm':
        out += pad(d.getUTCMinutes(), Math.min(run, 2));
        break;
      case 's':
        out += pad(d.getUTCSeconds(), Math.min(run, 2));
        break;
      case 'f':
        out += fraction.slice(0, Math.min(run, 7));
        break;
      case 'F': {
        const trimmed = fraction.slice(0, Math.min(run, 7)).replace(/0+$/, '');
        if (trimmed === '' && out.endsWith('.')) out = out.slice(0, -1);
        out += trimmed;
        break;
      }
      case 't':
        out += (d.getUTCHours() < 12 ? 'AM' : 'PM').slice(0, run === 1 ? 1 : 2);
        break;
      default:
        out += ch.repeat(run);
    }
    i += run;
  }
  return out;
}

function unixToDatetime(unitMs: number): ScalarFunction {
  return () => (args) => {
    const n = asNumber(args[0]);
    if (n === null) return null;
    // Whole milliseconds go through ms arithmetic so that ticks stay exact.
    const ms = n * unitMs;
    const wholeMs = Math.floor(ms);
    return ticksFromUnixMs(wholeMs) + Math.round((ms - wholeMs) * TICKS_PER_MILLISECOND);
  };
}

export const datetimeFunctions: Record<string, ScalarFunction> = {
  now: (call) => (args) => call.now + (asNumber(args[0]) ?? 0),
  ago: (call) => (args) => {
    const span = asNumber(args[0]);
    return span === null ? null : call.now - span;
  },
  startofday: datetimeFn((t, rest) => startOfDay(t) + offsetArg(rest) * TICKS_PER_DAY),
  endofday: datetimeFn((t, rest) => startOfDay(t) + (offsetArg(rest) + 1) * TICKS_PER_DAY - 1),
  startofweek: datetimeFn((t, rest) => startOfWeek(t, offsetArg(rest))),
  endofweek: datetimeFn((t, rest) => startOfWeek(t, offsetArg(rest) + 1) - 1),
  startofmonth: datetimeFn((t, rest) => startOfMonth(t, offsetArg(rest))),
  endofmonth: datetimeFn((t, rest) => startOfMonth(t, offsetArg(rest) + 1) - 1),
  startofyear: datetimeFn((t, rest) => startOfYear(t, offsetArg(rest))),
  endofyear: datetimeFn((t, rest) => startOfYear(t, offsetArg(rest) + 1) - 1),
  getyear: datetimeFn((t) => dateOf(t).getUTCFullYear()),
  getmonth: datetimeFn((t) => dateOf(t).getUTCMonth() + 1),
  monthofyear: datetimeFn((t) => dateOf(t).getUTCMonth() + 1),
  dayofmonth: datetimeFn((t) => dateOf(t).getUTCDate()),
  dayofyear: datetimeFn((t) => dayOfYear(t)),
  hourofday: datetimeFn((t) => dateOf(t).getUTCHours()),
  dayofweek: datetimeFn((t) => weekday(t) * TICKS_PER_DAY),
  weekofyear: datetimeFn((t) => isoWeek(t)),
  week_of_year: datetimeFn((t) => isoWeek(t)),
  datetime_part: () => (args) => {
    const t = asNumber(args[1]);
    if (t === null) return null;
    const value = datetimePart(partName(args[0]), t);
    if (value === null)
      throw new EvaluationError(`datetime_part: unknown part '${String(args[0])}'.`, null);
    return value;
  },
  datetime_add: () => (args) => {
    const amount = asNumber(args[1]);
    const t = asNumber(args[2]);
    if (amount === null || t === null) return null;
    const value = datetimeAdd(partName(args[0]), Math.trunc(amount), t);
    if (value === null)
      throw new EvaluationError(`datetime_add: unknown part '${String(args[0])}'.`, null);
    return value;
  },
  datetime_diff: () => (args) => {
    const a = asNumber(args[1]);
    const b = asNumber(args[2]);
    if (a === null || b === null) return null;
    const value = datetimeDiff(partName(args[0]), a, b);
    if (value === null)
      throw new EvaluationError(`datetime_diff: unknown part '${String(args[0])}'.`, null);
    return value;
  },
  make_datetime: () => (args) => {
    const nums = args.map(asNumber);
    if (nums.some((n) => n === null)) return null;
    const [y, mo, d, h = 0, mi = 0, sec = 0] = nums as number[];
    if (y === undefined || mo === undefined || d === undefined) return null;
    const wholeSeconds = Math.floor(sec);
    const date = new Date(Date.UTC(2000, 0, 1));
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi, wholeSeconds, 0);
    if (Number.isNaN(date.getTime())) return null;
    return ticksFromUnixMs(date.getTime()) + Math.round((sec - wholeSeconds) * TICKS_PER_SECOND);
  },
  unixtime_seconds_todatetime: unixToDatetime(1000),
  unixtime_milliseconds_todatetime: unixToDatetime(1),
  unixtime_microseconds_todatetime: unixToDatetime(0.001),
  unixtime_nanoseconds_todatetime: unixToDatetime(0.000001),
  format_datetime: () => (args) => {
    const t = asNumber(args[0]);
    return t === null ? '' : formatDatetime(t, String(args[1] ?? ''));
  },
};
