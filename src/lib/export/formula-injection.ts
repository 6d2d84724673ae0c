/**
 * Spreadsheet formula injection ("CSV injection"): Excel, LibreOffice and Google Sheets run a
 * cell that starts with =, +, -, @ (and tab or CR, which they skip before looking) as a formula,
 * so a query result holding `=HYPERLINK(…)` or `=cmd|…` would execute on open. Spreadsheets also
 * skip leading line breaks and tabs, and some (Excel with East Asian input, LibreOffice) take the
 * full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) as their ASCII twins. Following OWASP's
 * advice, such cells get a leading apostrophe, which makes the spreadsheet treat them as text.
 */

const FORMULA_CHARACTERS = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20';
/** A formula character, possibly after LF/CR/TAB; or a cell starting with TAB or CR at all. */
const RISKY_START = new RegExp(`^[\\t\\r\\n]*[${FORMULA_CHARACTERS}]|^[\\t\\r]`);
/** A plain decimal number as Kusto writes one: what may start with "-" and still be safe. */
const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

const NUMERIC_TYPES = new Set([
  'int',
  'long',
  'real',
  'decimal',
  'int32',
  'int64',
  'double',
  'float',
  'system.int32',
  'system.int64',
  'system.double',
  'system.decimal',
  'system.data.sqltypes.sqldecimal',
]);

export function isNumericColumnType(type: string | undefined): boolean {
  return type !== undefined && NUMERIC_TYPES.has(type.trim().toLowerCase());
}

/**
 * Neutralises a cell if a spreadsheet would read it as a formula. Only string-typed content is
 * touched: in a numeric column a negative number ("-12.5", "-1e-7") stays a number, so the
 * spreadsheet can still sum it. Anything else in a numeric column that starts with a risky
 * character (a server could send any text) is neutralised like a string.
 */
export function neutraliseFormula(text: string, numericColumn: boolean): string {
  if (!RISKY_START.test(text)) return text;
  if (numericColumn && NUMBER_TEXT.test(text)) return text;
  return `'${text}`;
}
