/**
 * A table or column name as KQL text: plain identifiers as they are, anything else (spaces,
 * dashes, dots, a leading digit) bracketed and quoted, `['my column']`, as the Kusto docs' entity
 * name rules require. Quotes and backslashes inside are escaped.
 */
export function kqlName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name;
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}
