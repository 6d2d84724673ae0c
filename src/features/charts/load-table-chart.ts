import type { ChartData, ChartProblem, ChartVisualization } from '../../lib/chart-data/chart-types';
import type { RowSource } from '../query/run-state';

/**
 * What a table's chart needs from the worker: a card reads its rows; every other chart gets its
 * series shaped in the worker (the `chart` job), so neither the rows nor the series building
 * reach the page's thread.
 */
export type LoadedChart = { rows: unknown[][] } | { data: ChartData | ChartProblem };

export async function loadTableChart(
  session: RowSource,
  table: { id: number; rowCount: number },
  visualization: ChartVisualization,
  rowLimit: number,
): Promise<LoadedChart> {
  const end = Math.min(table.rowCount, rowLimit);
  if (visualization.visualization?.toLowerCase() === 'card') {
    // A card shows the first value only.
    const result = await session.getRows({ tableId: table.id, start: 0, end: Math.min(end, 1) });
    return { rows: result.rows.map((row) => row.cells) };
  }
  // Plain data only: the job is structured-cloned to the worker.
  const data = await session.runJob({
    kind: 'chart',
    tableId: table.id,
    visualization: { ...visualization },
    rowLimit,
  });
  return { data };
}
