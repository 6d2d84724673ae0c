import { isNumericType, type KustoScalarType } from '../../lib/result-model';

/**
 * Figures for a block of selected cells, as the ADX web UI shows them: how many cells hold a
 * value, and over the numeric ones the sum, average, minimum and maximum. Computed in doubles:
 * a long beyond 2^53 or a many-digit decimal is summed approximately (the cells keep exact text).
 */
export interface SelectionStats {
  /** Cells that are not null or empty. */
  count: number;
  /** Cells of numeric columns holding a finite number (NaN and infinities are left out). */
  numericCount: number;
  sum: number;
  average: number | null;
  min: number | null;
  max: number | null;
}

export function selectionStats(
  types: readonly KustoScalarType[],
  rows: Iterable<readonly (string | null)[]>,
): SelectionStats {
  const numeric = types.map(isNumericType);
  let count = 0;
  let numericCount = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const cells of rows) {
    for (let c = 0; c < types.length; c++) {
      const text = cells[c];
      if (text === null || text === undefined || text === '') continue;
      count++;
      if (!numeric[c]) continue;
      const value = Number(text);
      if (!Number.isFinite(value)) continue;
      numericCount++;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  return {
    count,
    numericCount,
    sum,
    average: numericCount > 0 ? sum / numericCount : null,
    min: numericCount > 0 ? min : null,
    max: numericCount > 0 ? max : null,
  };
}

/** The figures of two parts of one block together (a block is read in parts: blockParts). */
export function combineSelectionStats(a: SelectionStats, b: SelectionStats): SelectionStats {
  const numericCount = a.numericCount + b.numericCount;
  const sum = a.sum + b.sum;
  const pick = (f: (x: number, y: number) => number, x: number | null, y: number | null) =>
    x === null ? y : y === null ? x : f(x, y);
  return {
    count: a.count + b.count,
    numericCount,
    sum,
    average: numericCount > 0 ? sum / numericCount : null,
    min: pick(Math.min, a.min, b.min),
    max: pick(Math.max, a.max, b.max),
  };
}

const figure = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** "Count 6 · Sum 10,204 · Avg 3,401.3333 · Min 2,337 · Max 4,701", or just the count. */
export function describeSelectionStats(stats: SelectionStats): string {
  const parts = [`Count ${figure.format(stats.count)}`];
  if (stats.numericCount > 0) {
    parts.push(
      `Sum ${figure.format(stats.sum)}`,
      `Avg ${figure.format(stats.average!)}`,
      `Min ${figure.format(stats.min!)}`,
      `Max ${figure.format(stats.max!)}`,
    );
  }
  return parts.join(' · ');
}
