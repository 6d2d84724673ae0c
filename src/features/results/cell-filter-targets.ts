/**
 * What a filter from the grid acts on: the picked cells grouped by column, and, for one dynamic
 * cell, the fields inside it that a filter can reach (`tostring(Col.path) == "…"`).
 */
import type { FilterTarget } from '../../lib/kql-text/filter-clause';
import type { DynamicPathStep } from '../../lib/kql-text/kql-literal';
import type { ResultColumn } from '../../lib/result-model';

/** One target per column of a block (rows × columns of display text). */
export function targetsOfBlock(
  columns: readonly ResultColumn[],
  rows: readonly (readonly (string | null)[])[],
): FilterTarget[] {
  return columns.map((column, index) => ({
    column: column.name,
    type: column.type,
    values: rows.map((row) => row[index] ?? null),
  }));
}

export interface DynamicField {
  path: DynamicPathStep[];
  /** The field's value as `tostring()` gives it; null for a JSON null. */
  text: string | null;
}

/** Fields listed for one dynamic cell; a bag with more offers the first ones. */
export const MAX_DYNAMIC_FIELDS = 40;
const MAX_DEPTH = 8;

/**
 * The leaves of a dynamic cell's JSON (depth-first, in document order), each with the text
 * `tostring()` yields: strings as they are, numbers and booleans as written, nested values past
 * the depth limit as compact JSON. A cell that is not an object or array has no fields.
 */
export function dynamicFields(cellText: string | null): DynamicField[] {
  if (cellText === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(cellText);
  } catch {
    return [];
  }
  if (value === null || typeof value !== 'object') return [];
  const fields: DynamicField[] = [];
  const visit = (node: unknown, path: DynamicPathStep[]) => {
    if (fields.length >= MAX_DYNAMIC_FIELDS) return;
    if (node !== null && typeof node === 'object' && path.length < MAX_DEPTH) {
      const entries: [DynamicPathStep, unknown][] = Array.isArray(node)
        ? node.map((item, index): [DynamicPathStep, unknown] => [index, item])
        : Object.entries(node);
      for (const [step, child] of entries) visit(child, [...path, step]);
      return;
    }
    if (path.length === 0) return;
    fields.push({ path, text: leafText(node) });
  };
  visit(value, []);
  return fields;
}

function leafText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** `Details.Location`, `tags[0]`: a path as the menu shows it. */
export function describePath(path: readonly DynamicPathStep[]): string {
  return path
    .map((step, index) =>
      typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`,
    )
    .join('');
}
