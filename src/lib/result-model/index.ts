export { getCell, getCellText, isNullCell, readCell, readCellText } from './cell-access';
export { ChunkedValues } from './chunked-values';
export {
  BOOL_NULL,
  EXACT_NUMBER_MARK,
  isNullAt,
  type BoolColumnData,
  type ColumnData,
  type DateTimeColumnData,
  type DynamicColumnData,
  type IntColumnData,
  type LongColumnData,
  type RealColumnData,
  type TextColumnData,
} from './column-data';
export { DataSetBuilder, type ColumnSpec, type TableSpec } from './dataset-builder';
export { filterIndex } from './filter-index';
export { formatCell, formatDynamic, type CellValue, type JsonValue } from './format-cell';
export type * from './grid-models';
export { formatKustoDateTime, parseKustoDateTime, type KustoDateTime } from './kusto-datetime';
export { isNumericType, normalizeKustoType, type KustoScalarType } from './kusto-scalar-type';
export { formatTimespanTicks, parseTimespanTicks } from './kusto-timespan';
export { issueFromOneApiError, issuesFromErrorRow } from './one-api-error-issue';
export { parseVisualization } from './parse-visualization';
export {
  summarizeDataSet,
  TABLE_HEAD_ROWS,
  type CompletionStats,
  type DataSet,
  type DataSetCompletion,
  type DataSetHeader,
  type DataSetIssue,
  type DataSetSource,
  type DataSetSummary,
  type ExtendedProperty,
  type IssueSource,
  type ResultColumn,
  type ResultTable,
  type TableKind,
  type TableSummary,
  type VisualizationProperties,
  NO_RENDER_PROPERTIES,
} from './result-types';
export { getRowBlock, type RowBlockRow } from './row-block';
export { shareUnchanged } from './summary-sharing';
export { compareDecimalText, identityIndex, sortIndex } from './sort-index';
export { aggregateRows, keyReader, type AggregateValue } from './aggregate';
export { GroupedView } from './group-view';
export * from './group-models';
export { pivotTable, PIVOT_COLUMN_LIMIT, PIVOT_ROW_LIMIT } from './pivot-table';
