import type { ExportRow } from './export-types';

/**
 * Rows fetched block by block (e.g. from the result worker's `getRows`), so an export walks a
 * large result without asking for all of it at once. Stops at `total` or at the first short
 * block.
 */
export async function* rowsFromBlocks(
  fetchBlock: (start: number, end: number) => Promise<readonly ExportRow[]> | readonly ExportRow[],
  options: { blockSize?: number; total?: number } = {},
): AsyncGenerator<ExportRow> {
  const blockSize = Math.max(1, options.blockSize ?? 5000);
  const total = options.total ?? Number.POSITIVE_INFINITY;
  for (let start = 0; start < total; start += blockSize) {
    const end = Math.min(start + blockSize, total);
    const block = await fetchBlock(start, end);
    yield* block;
    if (block.length < end - start) return;
  }
}
