export { csvChunks, csvField, toCsv, type CsvOptions } from './csv-export';
export { BoundedTsv, CLIPBOARD_CHAR_LIMIT, COPY_PART_ROWS, copyLimitsNote } from './bounded-tsv';
export { CLIPBOARD_ROW_LIMIT, toTsv, tsvField, type TsvOptions } from './tsv-export';
export { isNumericColumnType, neutraliseFormula } from './formula-injection';
export { rowsFromBlocks } from './row-blocks';
export { downloadBlob, fileTimestamp } from './download-blob';
export type { ExportCell, ExportColumn, ExportRow, ExportRows } from './export-types';
export { copyTableTsv, exportTableCsv, readCopyRows } from './table-actions';
export {
  escapeHtml,
  markdownCell,
  toReportHtml,
  toReportMarkdown,
  toReportPlainText,
  type ReportContent,
} from './report-format';
export { XLSX_MIME, XLSX_ROW_LIMIT, writeXlsx, type XlsxCell } from './xlsx-writer';
