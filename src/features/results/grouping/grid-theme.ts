import { colorSchemeDark, colorSchemeLight, themeQuartz, type ColDef } from 'ag-grid-community';

function makeTheme(dark: boolean) {
  return themeQuartz.withPart(dark ? colorSchemeDark : colorSchemeLight).withParams({
    fontSize: 13,
    headerFontSize: 13,
    spacing: 5,
    wrapperBorderRadius: 6,
    fontFamily: 'inherit',
  });
}

// One theme object per scheme for the whole page: AG Grid builds a theme's CSS once per object,
// so a new object per grid (or per render) repeats that work on the main thread.
const themes = { light: makeTheme(false), dark: makeTheme(true) };

/** The result grids' look (the plain, grouped and pivot grids share it). */
export function resultGridTheme(dark: boolean) {
  return dark ? themes.dark : themes.light;
}

/**
 * The result grids' default column definition, one object: AG Grid compares grid options by
 * reference, and a new `defaultColDef` makes it rebuild every column and header (50–180 ms at
 * 22 columns, on every re-render while rows stream in).
 */
export const RESULT_DEFAULT_COL_DEF: ColDef = { sortable: true, resizable: true, minWidth: 70 };

/**
 * The infinite row model as both row grids (plain and grouped) use it: the worker answers blocks
 * of 200 rows, and the grid keeps at most 50 of them (10,000 rows) on the page.
 */
export const RESULT_ROW_MODEL = {
  rowModelType: 'infinite',
  cacheBlockSize: 200,
  maxBlocksInCache: 50,
  infiniteInitialRowCount: 1,
} as const;
