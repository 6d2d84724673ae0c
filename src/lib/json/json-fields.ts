/**
 * Reading fields of parsed JSON whose shape is not trusted (service answers, error bodies):
 * a value is taken only when it has the expected type.
 */

export type JsonObject = Record<string, unknown>;

/** `value` when it is a JSON object (not null, not an array), else null. */
export function jsonObject(value: unknown): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : null;
}

/** `value` when it is a string with something besides white space, else null. */
export function nonBlankString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
