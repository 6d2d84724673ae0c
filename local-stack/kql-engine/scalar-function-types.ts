import type { Value, ValueType } from './values';

/** What a scalar function learns at compile time: the analyzer's types and the query clock. */
export interface ScalarCall {
  name: string;
  argTypes: ValueType[];
  resultType: ValueType;
  /** now() for the whole query, in ticks. */
  now: number;
}

/** Compiles a call once; the returned closure runs per row on the evaluated arguments. */
export type ScalarFunction = (call: ScalarCall) => (args: Value[]) => Value;

/** A number out of a numeric, datetime/timespan (ticks) or dynamic-number value; otherwise null. */
export function asNumber(value: Value | undefined): number | null {
  return typeof value === 'number' ? value : null;
}
