import type { YSplit } from './chart-types';

/** "Maximum five panels" (render-operator.md, ysplit). */
export const MAX_PANELS = 5;
/** Beyond this many y-axes the axes crowd out the plot; the chart keeps one axis and says so. */
export const MAX_AXES = 8;

/**
 * The `ysplit` property over a chart's series. Series are ordered key by key, each key with one
 * series per y column (build-chart-data's order), so series i belongs to y column i % yCount.
 * - `axes`: one y-axis per series.
 * - `panels`: one panel per y column; with a single y column, one panel per series (each
 *   would otherwise be the same panel). At most five panels: the rest share the fifth.
 * Null for `none`, an unknown value, or a single series (nothing to split).
 */
export function splitSeries(
  ySplit: string | null | undefined,
  seriesNames: readonly string[],
  yNames: readonly string[],
  notes: string[],
): YSplit | undefined {
  const mode = (ySplit ?? '').toLowerCase();
  if ((mode !== 'axes' && mode !== 'panels') || seriesNames.length < 2) return undefined;
  if (mode === 'axes') {
    if (seriesNames.length > MAX_AXES) {
      notes.push(
        `ysplit=axes: ${seriesNames.length} series are too many for one axis each (at most ${MAX_AXES}); they share one y-axis.`,
      );
      return undefined;
    }
    return {
      mode: 'axes',
      groupOfSeries: seriesNames.map((_, i) => i),
      groupNames: [...seriesNames],
    };
  }
  const byColumn = yNames.length > 1;
  const names = byColumn ? [...yNames] : [...seriesNames];
  const groupOf = seriesNames.map((_, i) => (byColumn ? i % yNames.length : i));
  if (names.length > MAX_PANELS) {
    notes.push(
      `ysplit=panels shows at most ${MAX_PANELS} panels: the last panel also holds ${names
        .slice(MAX_PANELS)
        .join(', ')}.`,
    );
    const last = MAX_PANELS - 1;
    names.splice(last, names.length - last, `${names[last]!} and ${names.length - last - 1} more`);
  }
  return {
    mode: 'panels',
    groupOfSeries: groupOf.map((g) => Math.min(g, MAX_PANELS - 1)),
    groupNames: names,
  };
}
