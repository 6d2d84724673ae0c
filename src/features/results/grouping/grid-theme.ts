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
 * of 200 rows, and the grid keeps at most 10 of them (2,000 rows) on the page. Rows scrolled away
 * come back from the worker in a few milliseconds; kept, they outlived the page's young
 * generation and made its scavenges longer (scrolling 1,004,122 rows under a trace: 4 scavenges of
 * 10–44 ms with 50 blocks, 10–30 ms with 10; the bench's scroll went from one task over 50 ms at
 * that size to none in three runs).
 */
export const RESULT_ROW_MODEL = {
  rowModelType: 'infinite',
  cacheBlockSize: 200,
  maxBlocksInCache: 10,
  infiniteInitialRowCount: 1,
} as const;
