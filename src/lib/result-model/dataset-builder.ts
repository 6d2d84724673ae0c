import { readCell } from './cell-access';
import {
  appendColumnValues,
  clearColumn,
  createColumnData,
  ensureCapacity,
  trimColumn,
  type AppendOptions,
} from './column-data';
import { readCompletionTable } from './completion-information';
import { normalizeKustoType, type KustoScalarType } from './kusto-scalar-type';
import { issueFromOneApiError, issueKey, issuesFromErrorRow } from './one-api-error-issue';
import { parseVisualization } from './parse-visualization';
import type {
  DataSet,
  DataSetCompletion,
  DataSetHeader,
  DataSetIssue,
  DataSetSource,
  IssueSource,
  ResultColumn,
  ResultTable,
  TableKind,
} from './result-types';

export interface ColumnSpec {
  name: string;
  /** Type name as sent; normalized unless `type` is given. */
  wireType: string;
  type?: KustoScalarType;
}

export interface TableSpec {
  id: number;
  name: string;
  kind: TableKind;
  columns: readonly ColumnSpec[];
}

/**
 * Builds a DataSet from parser events (any source: Kusto v2 frames, v1 tables, App Insights).
 * Rows go straight into typed columns; secondary tables (properties, completion information)
 * are interpreted when they complete.
 */
export class DataSetBuilder {
  readonly dataSet: DataSet;
  private readonly byId = new Map<number, ResultTable>();
  private readonly issueKeys = new Set<string>();
  private readonly dynamicTextIsJson: boolean;

  constructor(source: DataSetSource, options: { dynamicTextIsJson?: boolean } = {}) {
    this.dynamicTextIsJson = options.dynamicTextIsJson ?? false;
    this.dataSet = {
      source,
      tables: [],
      visualizations: {},
      extendedProperties: [],
      stats: null,
      issues: [],
      header: null,
      completion: null,
      complete: false,
    };
  }

  setHeader(header: DataSetHeader): void {
    this.dataSet.header = header;
  }

  /** Starts a table. A second table with the same id replaces the first (a re-sent header). */
  addTable(spec: TableSpec): ResultTable {
    const columns: ResultColumn[] = spec.columns.map((c) => ({
      name: c.name,
      wireType: c.wireType,
      type: c.type ?? normalizeKustoType(c.wireType),
    }));
    const table: ResultTable = {
      id: spec.id,
      name: spec.name,
      kind: spec.kind,
      columns,
      data: columns.map((c) => createColumnData(c.type)),
      rowCount: 0,
      version: 0,
      complete: false,
      progress: null,
      reportedRowCount: null,
    };
    const existing = this.byId.get(spec.id);
    if (existing) this.dataSet.tables[this.dataSet.tables.indexOf(existing)] = table;
    else this.dataSet.tables.push(table);
    this.byId.set(spec.id, table);
    return table;
  }

  table(id: number): ResultTable | undefined {
    return this.byId.get(id);
  }

  /**
   * Appends rows (arrays, one value per column; shorter rows read as null). Non-array entries are
   * errors reported inside the data (v2 in_data placement, v1 Exceptions): they become issues and
   * the rows before them stay. Returns the number of rows appended.
   */
  appendRows(
    tableId: number,
    rows: readonly unknown[],
    options: { exactNumbers?: boolean } = {},
  ): number {
    const table = this.requireTable(tableId);
    let dataRows = rows;
    if (!rows.every(Array.isArray)) {
      dataRows = rows.filter(Array.isArray);
      for (const row of rows) {
        if (!Array.isArray(row)) {
          const source: IssueSource =
            this.dataSet.source === 'kusto-v1' ? 'v1-exceptions' : 'in-data';
          for (const issue of issuesFromErrorRow(row, source, tableId)) this.addIssue(issue);
        }
      }
    }
    if (dataRows.length === 0) return 0;
    const appendOptions: AppendOptions = {
      exactNumbers: options.exactNumbers ?? false,
      dynamicTextIsJson: this.dynamicTextIsJson,
    };
    const base = table.rowCount;
    for (let c = 0; c < table.data.length; c++) {
      const column = table.data[c]!;
      ensureCapacity(column, base + dataRows.length);
      appendColumnValues(column, dataRows, c, base, appendOptions);
    }
    table.rowCount = base + dataRows.length;
    table.version++;
    return dataRows.length;
  }

  /** Drops every row received so far (progressive DataReplace). */
  clearRows(tableId: number): void {
    const table = this.requireTable(tableId);
    for (const column of table.data) clearColumn(column);
    table.rowCount = 0;
    table.version++;
  }

  setProgress(tableId: number, progress: number): void {
    const table = this.byId.get(tableId);
    if (table) table.progress = progress;
  }

  /** The table has all its rows; interprets properties and completion tables. */
  completeTable(tableId: number, info: { rowCount?: number | null; errors?: unknown } = {}): void {
    const table = this.requireTable(tableId);
    table.complete = true;
    if (typeof info.rowCount === 'number') table.reportedRowCount = info.rowCount;
    if (Array.isArray(info.errors)) this.addOneApiErrors(info.errors, 'table-completion', tableId);
    if (table.kind === 'QueryProperties') this.readExtendedProperties(table);
    if (table.kind === 'QueryCompletionInformation' || table.kind === 'QueryStatus') {
      const findings = readCompletionTable(table);
      if (findings.stats) this.dataSet.stats = findings.stats;
      for (const issue of findings.issues) this.addIssue(issue);
    }
  }

  setVisualization(tableId: number, value: unknown): void {
    const vis = parseVisualization(value);
    if (vis) this.dataSet.visualizations[tableId] = vis;
  }

  addOneApiErrors(errors: readonly unknown[], source: IssueSource, tableId: number | null): void {
    for (const error of errors) this.addIssue(issueFromOneApiError(error, source, tableId));
  }

  /** Adds an issue unless the same one was already reported (errors repeat at each level). */
  addIssue(issue: DataSetIssue): void {
    const key = issueKey(issue);
    if (this.issueKeys.has(key)) return;
    this.issueKeys.add(key);
    this.dataSet.issues.push(issue);
  }

  /** DataSetCompletion (or the end of a v1 / App Insights body). */
  complete(completion: DataSetCompletion & { errors?: unknown }): void {
    this.dataSet.completion = { hasErrors: completion.hasErrors, cancelled: completion.cancelled };
    if (Array.isArray(completion.errors)) {
      this.addOneApiErrors(completion.errors, 'dataset-completion', null);
    }
  }

  /** The whole body was parsed: no more rows come, so columns give back their spare room. */
  finish(): DataSet {
    for (const table of this.dataSet.tables)
      for (const column of table.data) trimColumn(column, table.rowCount);
    this.dataSet.complete = true;
    return this.dataSet;
  }

  private requireTable(tableId: number): ResultTable {
    const table = this.byId.get(tableId);
    if (!table) throw new Error(`Rows for table ${tableId} arrived before its header.`);
    return table;
  }

  private readExtendedProperties(table: ResultTable): void {
    const idCol = table.columns.findIndex((c) => c.name === 'TableId');
    const keyCol = table.columns.findIndex((c) => c.name === 'Key');
    const valueCol = table.columns.findIndex((c) => c.name === 'Value');
    if (keyCol < 0 || valueCol < 0) return;
    for (let row = 0; row < table.rowCount; row++) {
      const key = readCell(table.data[keyCol]!, row);
      const value = readCell(table.data[valueCol]!, row);
      const id = idCol >= 0 ? readCell(table.data[idCol]!, row) : null;
      if (typeof key !== 'string') continue;
      const tableId = typeof id === 'number' ? id : null;
      if (key === 'Visualization' && tableId !== null) this.setVisualization(tableId, value);
      else this.dataSet.extendedProperties.push({ tableId, key, value });
    }
  }
}
