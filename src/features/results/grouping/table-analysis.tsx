import { lazy, Suspense, useCallback, useState, type ComponentProps } from 'react';
import type { PivotModel, PivotResult } from '../../../lib/result-model';
import ResultGrid from '../components/result-grid';
import { GroupBar } from './group-bar';
import { NO_GROUPING, fitGroupState, type GroupState } from './group-state';
import type { FetchRows } from './grouped-grid';

const GroupedGrid = lazy(() => import('./grouped-grid'));
const PivotGrid = lazy(() => import('./pivot-grid'));

type TableAnalysisProps = ComponentProps<typeof ResultGrid> & {
  /** Rows of this table from the worker, grouped when the request says so. */
  fetchRows: FetchRows;
  /** The pivot of this table, computed in the worker. */
  runPivot: (model: PivotModel, quickText: string) => Promise<PivotResult>;
  /** Start grouped or pivoted (e.g. `render pivotchart`). */
  initialGroup?: GroupState | null;
};

/**
 * The result grid with its group bar: plain rows, rows grouped by columns (nested, with counts
 * and aggregates), or a pivot. All three ask the worker; none walks the rows on the page.
 */
export default function TableAnalysis({
  fetchRows,
  runPivot,
  initialGroup,
  ...gridProps
}: TableAnalysisProps) {
  const [chosen, setChosen] = useState<GroupState>(initialGroup ?? NO_GROUPING);
  const state = fitGroupState(
    chosen,
    gridProps.columns.map((c) => c.name),
  );
  const quickText = gridProps.quickText;
  const pivotWithSearch = useCallback(
    (model: PivotModel) => runPivot(model, quickText),
    [runPivot, quickText],
  );
  const fallback = <p className="results__notice">Loading the grid…</p>;
  const analysed = state.pivot !== null || state.groupBy.length > 0;
  // The plain grid, once shown, stays while a grouped or pivoted view is in front: leaving
  // grouping finds it as it was (scroll, sort, filters), and neither switch pays for
  // destroying or rebuilding it (72 ms destroying it at 1,004,122 rows).
  const [flatShown, setFlatShown] = useState(!analysed);
  if (!analysed && !flatShown) setFlatShown(true);

  let body = null;
  if (state.pivot) {
    const model: PivotModel = {
      rows: state.groupBy,
      pivotColumn: state.pivot.column,
      aggregate: { column: state.pivot.value, fn: state.pivot.fn },
    };
    body = (
      <PivotGrid
        model={model}
        runPivot={pivotWithSearch}
        dark={gridProps.dark}
        label={`Pivot of ${gridProps.label}`}
        revision={gridProps.revision}
      />
    );
  } else if (state.groupBy.length > 0) {
    body = (
      <GroupedGrid
        columns={gridProps.columns}
        groupBy={state.groupBy}
        aggregates={state.aggregates}
        fetchRows={fetchRows}
        quickText={gridProps.quickText}
        dark={gridProps.dark}
        label={`${gridProps.label}, grouped by ${state.groupBy.join(', ')}`}
        revision={gridProps.revision}
      />
    );
  }

  return (
    <div className="table-analysis">
      <GroupBar columns={gridProps.columns} state={state} onChange={setChosen} />
      {flatShown && <ResultGrid {...gridProps} hidden={analysed} />}
      <Suspense fallback={fallback}>{body}</Suspense>
    </div>
  );
}
