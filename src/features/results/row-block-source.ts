/** What the result grid needs from a result table: its columns and blocks of display rows. */
export interface GridColumn {
  name: string;
  /** Kusto scalar type name (long, real, datetime, dynamic, …). */
  type: string;
}

export interface SortRequest {
  colId: string;
  sort: 'asc' | 'desc';
}

export interface RowBlockRequest {
  start: number;
  end: number;
  sortModel: SortRequest[];
  /** AG Grid's filter model, keyed by column id ("c0", "c1", …). */
  filterModel: Record<string, unknown>;
  quickText: string;
}

export interface RowBlock {
  /** Display text per cell; null is a null value (shown empty, styled apart from ""). */
  rows: (string | null)[][];
  /** Total rows after filtering, when known (undefined while the result still streams in). */
  lastRow: number | undefined;
}

export interface RowBlockSource {
  readonly columns: readonly GridColumn[];
  getRows(request: RowBlockRequest): Promise<RowBlock>;
}
