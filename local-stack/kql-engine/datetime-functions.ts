/** Datetime and timespan scalar functions. Datetimes are ms since the Unix epoch, in UTC. */
import {
  MS_FROM_YEAR_ONE_TO_UNIX_EPOCH,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  MS_PER_TICK,
  formatDatetimeWire,
} from './datetime-text';
import { EvaluationError } from './query-scope';
import { asNumber, type ScalarFunction } from './scalar-function-types';
import type { Value } from './values';

const MS_PER_WEEK = 7 * MS_PER_DAY;

function startOfDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(ms: number): number {
  return (((Math.floor(ms / MS_PER_DAY) + 4) % 7) + 7) % 7;
}

function parts(ms: number): Date {
  return new Date(Math.floor(ms));
}

function startOfMonth(ms: number, offset: number): number {
  const d = parts(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

function startOfYear(ms: number, offset: number): number {
  const d = parts(ms);
  const result = new Date(Date.UTC(2000, 0, 1));
  result.setUTCFullYear(d.getUTCFullYear() + offset);
  return result.getTime();
}

function startOfWeek(ms: number, offset: number): number {
  return startOfDay(ms) - weekday(ms) * MS_PER_DAY + offset * MS_PER_WEEK;
}

function dayOfYear(ms: number): number {
  const d = parts(ms);
  return Math.floor((startOfDay(ms) - Date.UTC(d.getUTCFullYear(), 0, 1)) / MS_PER_DAY) + 1;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeek(ms: number): number {
  const day = startOfDay(ms);
  const isoWeekday = (weekday(ms) + 6) % 7; // Monday = 0
  const thursday = day - isoWeekday * MS_PER_DAY + 3 * MS_PER_DAY;
  const year = parts(thursday).getUTCFullYear();
  return Math.floor((thursday - Date.UTC(year, 0, 1)) / MS_PER_WEEK) + 1;
}

/** One argument that is a datetime (or null): the common shape. */
function datetimeFn(f: (ms: number, rest: Value[]) => Value): ScalarFunction {
  return () => (args) => {
    const ms = asNumber(args[0]);
    return ms === null ? null : f(ms, args.slice(1));
  };
}

function offsetArg(rest: Value[]): number {
  return asNumber(rest[0]) ?? 0;
}

function partName(value: Value | undefined): string {
  return String(value ?? '')
    .toLowerCase()
    .replace(/[\s_]/g, '');
}

function datetimePart(part: string, ms: number): number | null {
  const d = parts(ms);
  switch (part) {
    case 'year':
      return d.getUTCFullYear();
    case 'quarter':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'month':
      return d.getUTCMonth() + 1;
    case 'weekofyear':
    case 'week':
      return isoWeek(ms);
    case 'day':
      return d.getUTCDate();
    case 'dayofyear':
      return dayOfYear(ms);
    case 'hour':
      return d.getUTCHours();
    case 'minute':
      return d.getUTCMinutes();
    case 'second':
      return d.getUTCSeconds();
    case 'millisecond':
      return d.getUTCMilliseconds();
    case 'microsecond':
      return Math.floor((((ms % 1000) + 1000) % 1000) * 1000);
    case 'nanosecond':
      return Math.round((((ms % 1000) + 1000) % 1000) * 10_000) * 100;
    default:
      return null;
  }
}

const FIXED_PART_MS: Record<string, number> = {
  week: MS_PER_WEEK,
  day: MS_PER_DAY,
  hour: MS_PER_HOUR,
  minute: MS_PER_MINUTE,
  second: MS_PER_SECOND,
  millisecond: 1,
  microsecond: 0.001,
  nanosecond: 0.000001,
};

function addMonths(ms: number, months: number): number {
  const d = parts(ms);
  const fraction = ms - Math.floor(ms);
  const targetMonth = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  return (
    Date.UTC(
      d.getUTCFullYear(),
      targetMonth,
      Math.min(d.getUTCDate(), lastDay),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ) + fraction
  );
}

function datetimeAdd(part: string, amount: number, ms: number): number | null {
  if (part === 'year') return addMonths(ms, amount * 12);
  if (part === 'quarter') return addMonths(ms, amount * 3);
  if (part === 'month') return addMonths(ms, amount);
  const unit = FIXED_PART_MS[part];
  return unit === undefined ? null : ms + amount * unit;
}

/** Number of `part` boundaries between two datetimes (first - second), as Kusto counts them. */
function datetimeDiff(part: string, a: number, b: number): number | null {
  const da = parts(a);
  const db = parts(b);
  const months =
    (da.getUTCFullYear() - db.getUTCFullYear()) * 12 + da.getUTCMonth() - db.getUTCMonth();
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
      return months;
    case 'week':
      return Math.round((startOfWeek(a, 0) - startOfWeek(b, 0)) / MS_PER_WEEK);
    default: {
      const unit = FIXED_PART_MS[part];
      if (unit === undefined) return null;
      const origin = MS_FROM_YEAR_ONE_TO_UNIX_EPOCH;
      return Math.floor((a + origin) / unit) - Math.floor((b + origin) / unit);
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
export function formatDatetime(ms: number, format: string): string {
  const d = parts(ms);
  const wire = formatDatetimeWire(ms);
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

function unixToDatetime(msPerUnit: number): ScalarFunction {
  return () => (args) => {
    const n = asNumber(args[0]);
    return n === null ? null : n * msPerUnit;
  };
}

export const datetimeFunctions: Record<string, ScalarFunction> = {
  now: (call) => (args) => call.nowMs + (asNumber(args[0]) ?? 0),
  ago: (call) => (args) => {
    const span = asNumber(args[0]);
    return span === null ? null : call.nowMs - span;
  },
  startofday: datetimeFn((ms, rest) => startOfDay(ms) + offsetArg(rest) * MS_PER_DAY),
  endofday: datetimeFn(
    (ms, rest) => startOfDay(ms) + (offsetArg(rest) + 1) * MS_PER_DAY - MS_PER_TICK,
  ),
  startofweek: datetimeFn((ms, rest) => startOfWeek(ms, offsetArg(rest))),
  endofweek: datetimeFn((ms, rest) => startOfWeek(ms, offsetArg(rest) + 1) - MS_PER_TICK),
  startofmonth: datetimeFn((ms, rest) => startOfMonth(ms, offsetArg(rest))),
  endofmonth: datetimeFn((ms, rest) => startOfMonth(ms, offsetArg(rest) + 1) - MS_PER_TICK),
  startofyear: datetimeFn((ms, rest) => startOfYear(ms, offsetArg(rest))),
  endofyear: datetimeFn((ms, rest) => startOfYear(ms, offsetArg(rest) + 1) - MS_PER_TICK),
  getyear: datetimeFn((ms) => parts(ms).getUTCFullYear()),
  getmonth: datetimeFn((ms) => parts(ms).getUTCMonth() + 1),
  monthofyear: datetimeFn((ms) => parts(ms).getUTCMonth() + 1),
  dayofmonth: datetimeFn((ms) => parts(ms).getUTCDate()),
  dayofyear: datetimeFn((ms) => dayOfYear(ms)),
  hourofday: datetimeFn((ms) => parts(ms).getUTCHours()),
  dayofweek: datetimeFn((ms) => weekday(ms) * MS_PER_DAY),
  weekofyear: datetimeFn((ms) => isoWeek(ms)),
  week_of_year: datetimeFn((ms) => isoWeek(ms)),
  datetime_part: () => (args) => {
    const ms = asNumber(args[1]);
    if (ms === null) return null;
    const part = partName(args[0]);
    const value = datetimePart(part, ms);
    if (value === null)
      throw new EvaluationError(`datetime_part: unknown part '${String(args[0])}'.`, null);
    return value;
  },
  datetime_add: () => (args) => {
    const amount = asNumber(args[1]);
    const ms = asNumber(args[2]);
    if (amount === null || ms === null) return null;
    const value = datetimeAdd(partName(args[0]), Math.trunc(amount), ms);
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
    const [y, mo, d] = nums;
    if (y == null || mo == null || d == null) return null;
    if (nums.slice(3).some((n, i) => n === null && args[i + 3] !== undefined)) return null;
    const seconds = nums[5] ?? 0;
    const base = Date.UTC(y, mo - 1, d, nums[3] ?? 0, nums[4] ?? 0);
    if (Number.isNaN(base)) return null;
    return base + seconds * MS_PER_SECOND;
  },
  unixtime_seconds_todatetime: unixToDatetime(MS_PER_SECOND),
  unixtime_milliseconds_todatetime: unixToDatetime(1),
  unixtime_microseconds_todatetime: unixToDatetime(0.001),
  unixtime_nanoseconds_todatetime: unixToDatetime(0.000001),
  format_datetime: () => (args) => {
    const ms = asNumber(args[0]);
    return ms === null ? '' : formatDatetime(ms, String(args[1] ?? ''));
  },
};
