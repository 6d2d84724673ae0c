import { colorSchemeDark, colorSchemeLight, themeQuartz } from 'ag-grid-community';

/** The result grids' look (the same parameters as the plain result grid). */
export function resultGridTheme(dark: boolean) {
  return themeQuartz.withPart(dark ? colorSchemeDark : colorSchemeLight).withParams({
    fontSize: 13,
    headerFontSize: 13,
    spacing: 5,
    wrapperBorderRadius: 6,
    fontFamily: 'inherit',
  });
}
