/**
 * KQL text for values and names, quoted by the language's rules, so a value taken from a result
 * cell can be written back into a query. Pure functions; the grid hands over display text (the
 * form `readCellText` produces) and the column's Kusto type.
 *
 * String literals (https://learn.microsoft.com/kusto/query/scalar-data-types/string): in a
 * double-quoted literal the backslash escapes the enclosing quote, itself, `\t`, `\n` and `\r`;
 * a raw line break may not appear inside a literal. Other control characters are written as
 * `\uXXXX`, which the parser reads back (checked against the official parser in the tests).
 */
import type { KustoScalarType } from '../result-model/kusto-scalar-type';

export class KqlLiteralError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A double-quoted KQL string literal holding exactly `value`. */
export function kqlString(value: string): string {
  let out = '"';
  for (const char of value) {
    const simple = SIMPLE_ESCAPES[char];
    if (simple) {
      out += simple;
      continue;
    }
    const code = char.codePointAt(0)!;
    // C0/C1 controls and the Unicode line/paragraph separators: escaped, so the literal stays on
    // one line and nothing invisible hides in the query text.
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      out += char;
    }
  }
  return `${out}"`;
}

/**
 * Words that cannot stand as a bare column name (the parser reads them as keywords or literals);
 * such names, and any that are not plain identifiers, are written `['name']`.
 */
const RESERVED = new Set(
  [
    'and',
    'or',
    'not',
    'in',
    'between',
    'by',
    'on',
    'with',
    'where',
    'project',
    'extend',
    'summarize',
    'let',
    'set',
    'true',
    'false',
    'null',
    'typeof',
    'has',
    'contains',
    'like',
    'matches',
    'startswith',
    'endswith',
    'as',
    'of',
    'to',
    'step',
    'from',
    'kind',
    'asc',
    'desc',
    'nulls',
    'first',
    'last',
    'take',
    'limit',
    'sort',
    'order',
    'top',
    'join',
    'union',
    'render',
    'datatable',
    'print',
    'range',
    'bool',
    'boolean',
    'int',
    'long',
    'real',
    'double',
    'decimal',
    'string',
    'datetime',
    'date',
    'timespan',
    'time',
    'guid',
    'uniqueid',
    'dynamic',
    'int64',
    'int32',
    'count',
    'parse',
    'evaluate',
    'invoke',
    'search',
    'find',
    'mv-expand',
    'declare',
    'pattern',
    'restrict',
    'access',
    'alias',
    'database',
    'cluster',
    'table',
    'materialize',
    'toscalar',
    'totable',
    'view',
    'function',
    'materialized_view',
    'external_table',
  ].map((word) => word.toLowerCase()),
);

/** A column (or field) name as KQL accepts it: bare when it can be, else `['name']`. */
export function kqlName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name.toLowerCase())) return name;
  return `[${kqlSingleQuoted(name)}]`;
}

function kqlSingleQuoted(value: string): string {
  // The same rules as kqlString, with the single quote as the one to escape.
  const double = kqlString(value);
  const body = double.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}

/** One step into a dynamic value: a property name or an array index. */
export type DynamicPathStep = string | number;

/** `Col.a.b[0]["odd key"]`: the path into a dynamic column, each step written as KQL needs. */
export function kqlPath(column: string, path: readonly DynamicPathStep[]): string {
  let out = kqlName(column);
  for (const step of path) {
    if (typeof step === 'number') out += `[${Math.trunc(step)}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(step) && !RESERVED.has(step.toLowerCase()))
      out += `.${step}`;
    else out += `[${kqlString(step)}]`;
  }
  return out;
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TIMESPAN = /^-?(\d+\.)?\d{1,2}:\d{2}:\d{2}(\.\d{1,7})?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The KQL literal for a non-null cell of `type`, from its display text. Throws KqlLiteralError
 * when the text is not a value of that type (say, a datetime the server sent unparsed), rather
 * than write a query that means something else. Dynamic values are compared through
 * `tostring()`, so they take a string literal.
 */
export function kqlLiteral(type: KustoScalarType, text: string): string {
  const bad = () =>
    new KqlLiteralError(`"${text}" is not a ${type} value Quarry can write as a literal.`);
  switch (type) {
    case 'string':
    case 'dynamic':
      return kqlString(text);
    case 'bool': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower;
      throw bad();
    }
    case 'int':
    case 'long':
      if (!INTEGER.test(text)) throw bad();
      // A long literal compares equal with int and long columns alike.
      return text.replace(/^\+/, '');
    case 'real':
      if (text === 'NaN') return 'real(nan)';
      if (text === 'Infinity') return 'real(+inf)';
      if (text === '-Infinity') return 'real(-inf)';
      if (!NUMBER.test(text)) throw bad();
      return `real(${text.replace(/^\+/, '')})`;
    case 'decimal':
      if (!NUMBER.test(text)) throw bad();
      return `decimal(${text.replace(/^\+/, '')})`;
    case 'datetime':
      if (!DATETIME.test(text)) throw bad();
      return `datetime(${text})`;
    case 'timespan':
      if (!TIMESPAN.test(text)) throw bad();
      return `timespan(${text})`;
    case 'guid':
      if (!GUID.test(text)) throw bad();
      return `guid(${text})`;
  }
}
