/**
 * Stored functions of the stand-in's databases: listed by `.show functions` and in the schema's
 * Functions section, and runnable. The engine knows `let` functions only, so a query that calls
 * one is evaluated with the function's `let` put in front of it on the same line; error positions
 * are moved back by that prefix, so they still point into the text the client sent.
 */
import { KqlError } from './kql-engine-api.ts';

export interface StoredFunction {
  name: string;
  /** Parameters as declared, e.g. `(state:string, n:long = 5)`. */
  parameters: ReadonlyArray<{ name: string; type: string; defaultValue?: string }>;
  /** The body in braces, as `.show functions` prints it. */
  body: string;
  folder: string;
  docString: string;
}

/** A few functions on Samples that analysts would keep there. */
export const SAMPLES_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'StormsInState',
    parameters: [{ name: 'state', type: 'string' }],
    body: '{ StormEvents | where State == state }',
    folder: 'Storms',
    docString: 'Storm events of one state, its name in capitals (e.g. "TEXAS").',
  },
  {
    name: 'TopStormStates',
    parameters: [{ name: 'n', type: 'long', defaultValue: '5' }],
    body: '{ StormEvents | summarize Storms = count() by State | top n by Storms }',
    folder: 'Storms',
    docString: 'The n states with the most storms (5 unless given), most first.',
  },
  {
    name: 'CostlyStorms',
    parameters: [],
    body: '{ StormEvents | where DamageProperty + DamageCrops > 1000000 }',
    folder: 'Damage',
    docString: 'Storms whose damage <property + crops> exceeded $1,000,000 (plain text, not HTML).',
  },
];

/** ContosoSales' one stored function. */
export const CONTOSO_SALES_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'SalesByRegion',
    parameters: [],
    body: '{ Sales | summarize Orders = count(), Revenue = round(sum(Revenue), 2) by Region | order by Revenue desc }',
    folder: 'Reports',
    docString: 'Orders and revenue per sales region, highest revenue first.',
  },
];

/** `(state:string, n:long = 5)` */
export function parameterList(fn: StoredFunction): string {
  return `(${fn.parameters
    .map((p) => `${p.name}:${p.type}${p.defaultValue !== undefined ? ` = ${p.defaultValue}` : ''}`)
    .join(', ')})`;
}

function letStatement(fn: StoredFunction): string {
  return `let ${fn.name} = ${parameterList(fn)} ${fn.body};`;
}

/** The query with the `let`s of the stored functions it names, and the length of that prefix. */
export function withStoredFunctions(
  csl: string,
  functions: readonly StoredFunction[],
): { csl: string; prefixLength: number } {
  const used = functions.filter((fn) => new RegExp(`\\b${fn.name}\\b`).test(csl));
  if (used.length === 0) return { csl, prefixLength: 0 };
  const prefix = `${used.map(letStatement).join(' ')} `;
  return { csl: prefix + csl, prefixLength: prefix.length };
}

/** A KqlError about the prefixed text, moved back to the text the client sent. */
export function shiftedError(error: KqlError, prefixLength: number): KqlError {
  if (prefixLength === 0 || error.start < prefixLength) return error;
  return new KqlError(error.message, {
    kind: error.kind,
    code: error.code,
    line: error.line,
    column: error.line === 1 ? error.column - prefixLength : error.column,
    start: error.start - prefixLength,
    length: error.length,
  });
}
