/** String scalar functions. Arguments arrive already evaluated; non-strings are turned into text first. */
import { kustoRegex, translateRewrite } from './regex-translation';
import { asNumber, type ScalarCall, type ScalarFunction } from './scalar-function-types';
import { toScalarOfType, toStringValue, type Value, type ValueType } from './values';

function text(call: ScalarCall, args: Value[], index: number): string {
  return toStringValue(call.argTypes[index] ?? 'unknown', args[index] ?? null);
}

/** A function of its arguments as strings, compiled with the call's argument types. */
function stringFn(f: (texts: string[], args: Value[]) => Value): ScalarFunction {
  return (call) => (args) =>
    f(
      args.map((_, i) => text(call, args, i)),
      args,
    );
}

function codePoints(s: string): string[] {
  return Array.from(s);
}

function substring(s: string, start: number | null, length: number | null): string {
  const chars = codePoints(s);
  let from = start ?? 0;
  if (from < 0) from = Math.max(chars.length + from, 0);
  const to = length === null ? chars.length : from + Math.max(length, 0);
  return chars.slice(from, to).join('');
}

function extract(call: ScalarCall, args: Value[]): Value {
  const regex = kustoRegex(text(call, args, 0));
  const group = asNumber(args[1]) ?? 0;
  const source = text(call, args, 2);
  const match = regex.exec(source);
  const captured = match ? (match[group] ?? '') : '';
  const typeArg = args[3];
  if (typeof typeArg === 'string' && typeArg !== 'string') {
    if (!match || match[group] === undefined) return null;
    return toScalarOfType(typeArg as Exclude<ValueType, 'null' | 'unknown'>, captured, 'string');
  }
  return captured;
}

function extractAll(call: ScalarCall, args: Value[]): Value {
  const regex = kustoRegex(text(call, args, 0), 'g');
  const hasGroups = args.length === 3;
  const groups =
    hasGroups && Array.isArray(args[1]) ? (args[1] as Value[]).map((g) => Number(g)) : null;
  const source = text(call, args, hasGroups ? 2 : 1);
  const out: Value[] = [];
  for (const match of source.matchAll(regex)) {
    if (groups) out.push(groups.map((g) => match[g] ?? ''));
    else if (match.length > 2) out.push(match.slice(1).map((m) => m ?? ''));
    else out.push(match[1] ?? match[0]);
  }
  return out.length === 0 ? null : out;
}

function indexOf(texts: string[], args: Value[]): Value {
  const [source = '', lookup = ''] = texts;
  const start = args.length > 2 ? asNumber(args[2]) : 0;
  const length = args.length > 3 ? asNumber(args[3]) : -1;
  const occurrence = args.length > 4 ? asNumber(args[4]) : 1;
  if (start === null || length === null || occurrence === null) return null;
  const from = start < 0 ? Math.max(source.length + start, 0) : start;
  if (from > source.length) return null;
  const end = length === -1 ? source.length : Math.min(source.length, from + length);
  let position = from - 1;
  for (let n = 0; n < Math.max(occurrence, 1); n++) {
    position = source.indexOf(lookup, position + 1);
    if (position < 0 || position + lookup.length > end) return -1;
  }
  return position;
}

function countOf(texts: string[]): Value {
  const [source = '', search = '', kind = 'normal'] = texts;
  if (search === '') return 0;
  if (kind === 'regex') return Array.from(source.matchAll(kustoRegex(search, 'g'))).length;
  let count = 0;
  for (let i = source.indexOf(search); i >= 0; i = source.indexOf(search, i + 1)) count++;
  return count;
}

function trimWith(where: 'both' | 'start' | 'end'): ScalarFunction {
  return (call) => (args) => {
    const pattern = text(call, args, 0);
    let s = text(call, args, 1);
    if (where !== 'end') s = s.replace(kustoRegex(`^(?:${pattern})+`), '');
    if (where !== 'start') s = s.replace(kustoRegex(`(?:${pattern})+$`), '');
    return s;
  };
}

export const stringFunctions: Record<string, ScalarFunction> = {
  strlen: stringFn(([s = '']) => codePoints(s).length),
  string_size: stringFn(([s = '']) => Buffer.byteLength(s, 'utf8')),
  tolower: stringFn(([s = '']) => s.toLowerCase()),
  toupper: stringFn(([s = '']) => s.toUpperCase()),
  strcat: stringFn((texts) => texts.join('')),
  strcat_delim: stringFn(([delimiter = '', ...rest]) => rest.join(delimiter)),
  substring: stringFn(([s = ''], args) => {
    const start = asNumber(args[1]);
    const length = args.length > 2 ? asNumber(args[2]) : null;
    if (start === null || (args.length > 2 && length === null)) return '';
    return substring(s, start, length);
  }),
  split: stringFn(([s = '', delimiter = ''], args) => {
    const pieces = delimiter === '' ? [s] : s.split(delimiter);
    if (args.length > 2) {
      const index = asNumber(args[2]);
      if (index === null || index < 0 || index >= pieces.length) return [];
      return [pieces[index] ?? ''];
    }
    return pieces;
  }),
  replace_string: stringFn(([s = '', lookup = '', rewrite = '']) =>
    lookup === '' ? s : s.split(lookup).join(rewrite),
  ),
  replace_regex: (call) => (args) =>
    text(call, args, 0).replace(
      kustoRegex(text(call, args, 1), 'g'),
      translateRewrite(text(call, args, 2)),
    ),
  replace: (call) => (args) =>
    text(call, args, 2).replace(
      kustoRegex(text(call, args, 0), 'g'),
      translateRewrite(text(call, args, 1)),
    ),
  trim: trimWith('both'),
  trim_start: trimWith('start'),
  trim_end: trimWith('end'),
  extract: (call) => (args) => extract(call, args),
  extract_all: (call) => (args) => extractAll(call, args),
  indexof: stringFn(indexOf),
  countof: stringFn(countOf),
  reverse: stringFn(([s = '']) => codePoints(s).reverse().join('')),
  strrep: stringFn(([s = ''], args) => {
    const n = asNumber(args[1]);
    if (n === null || n < 0) return '';
    const delimiter = args.length > 2 ? toStringValue('string', args[2] ?? '') : '';
    return Array.from({ length: n }, () => s).join(delimiter);
  }),
  url_encode: stringFn(([s = '']) => encodeURIComponent(s)),
  url_encode_component: stringFn(([s = '']) => encodeURIComponent(s)),
  url_decode: stringFn(([s = '']) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return null;
    }
  }),
  base64_encode_tostring: stringFn(([s = '']) => Buffer.from(s, 'utf8').toString('base64')),
  base64_decode_tostring: stringFn(([s = '']) => Buffer.from(s, 'base64').toString('utf8')),
  isempty: (call) => (args) => args[0] === null || text(call, args, 0) === '',
  isnotempty: (call) => (args) => !(args[0] === null || text(call, args, 0) === ''),
  isascii: stringFn(([s = '']) => Array.from(s).every((ch) => ch.charCodeAt(0) < 128)),
};
