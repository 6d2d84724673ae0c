/** A result column as the exporters need it (the grid's GridColumn fits). */
export interface ExportColumn {
  readonly name: string;
  /** Kusto scalar type name (`long`, `real`, `string`, …); missing means string. */
  readonly type?: string;
}

/**
 * One cell: display text (what the grid shows, e.g. from `getRowBlock`) or a primitive. Objects
 * (dynamic values) are written as JSON. null / undefined is an empty field.
 */
export type ExportCell = string | number | bigint | boolean | null | undefined | object;

export type ExportRow = readonly ExportCell[];

/** Rows one by one, synchronously or as they arrive. */
export type ExportRows = Iterable<ExportRow> | AsyncIterable<ExportRow>;
