import {
  ClientSideRowModelModule,
  ColumnApiModule,
  ModuleRegistry,
  NumberFilterModule,
  TextFilterModule,
  type ColDef,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useState } from 'react';
import type { PivotModel, PivotResult } from '../../../lib/result-model';
import { RESULT_DEFAULT_COL_DEF, resultGridTheme } from './grid-theme';
import './group-bar.css';

ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ColumnApiModule,
  TextFilterModule,
  NumberFilterModule,
]);

type PivotRow = Record<string, string | number | null>;

interface PivotGridProps {
  model: PivotModel;
  /** Asks the worker for the pivot of the table (with the grid's current search). */
  runPivot: (model: PivotModel) => Promise<PivotResult>;
  dark: boolean;
  label: string;
  /** Changes when the table gains rows. */
  revision: number;
}

/**
 * Pivot mode: the worker computes rows × column values × an aggregate over the whole table; the
 * (small) pivot comes to the page and AG Grid's client-side model sorts and filters it.
 */
export default function PivotGrid({ model, runPivot, dark, label, revision }: PivotGridProps) {
  const [result, setResult] = useState<PivotResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const modelKey = JSON.stringify(model);
  useEffect(() => {
    let live = true;
    runPivot(JSON.parse(modelKey) as PivotModel).then(
      (pivot) => {
        if (!live) return;
        setResult(pivot);
        setError(null);
      },
      (failure: unknown) => live && setError(String(failure)),
    );
    return () => {
      live = false;
    };
  }, [runPivot, modelKey, revision]);
  const theme = resultGridTheme(dark);

  const columnDefs = useMemo<ColDef<PivotRow>[]>(
    () =>
      (result?.columns ?? []).map((name, index) => {
        const key = index < (result?.keyColumns ?? 0);
        return {
          colId: `c${index}`,
          field: `c${index}`,
          headerName: name,
          pinned: key ? 'left' : undefined,
          type: key ? undefined : 'rightAligned',
          filter: key ? 'agTextColumnFilter' : 'agNumberColumnFilter',
          width: key ? 180 : 120,
        };
      }),
    [result],
  );
  const rowData = useMemo<PivotRow[]>(
    () =>
      (result?.rows ?? []).map((cells) => {
        const row: PivotRow = {};
        cells.forEach((value, index) => (row[`c${index}`] = value));
        return row;
      }),
    [result],
  );

  if (error) return <p className="results__notice">The pivot could not be computed: {error}</p>;
  if (!result) return <p className="results__notice">Computing the pivot…</p>;
  return (
    <div className="grouped-grid" role="region" aria-label={label}>
      {(result.truncatedColumns > 0 || result.truncatedRows > 0) && (
        <p className="pivot-notice" role="status">
          {result.truncatedColumns > 0 &&
            `${result.truncatedColumns.toLocaleString('en-US')} more column values left out. `}
          {result.truncatedRows > 0 &&
            `${result.truncatedRows.toLocaleString('en-US')} rows beyond the pivot's row limit left out.`}
        </p>
      )}
      <AgGridReact<PivotRow>
        theme={theme}
        columnDefs={columnDefs}
        rowData={rowData}
        // Up to a hundred value columns are all rendered (readable by tests and screen readers).
        suppressColumnVirtualisation={result.columns.length <= 100}
        defaultColDef={RESULT_DEFAULT_COL_DEF}
      />
    </div>
  );
}
