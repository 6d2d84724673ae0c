import { getCell, getCellText, isNullCell, type DataSet } from '../../result-model';

/**
 * Recorded responses from fixtures/recorded (see PROVENANCE.md there), loaded through Vite's
 * glob import so the browser tsconfig needs no Node types. Paths are relative to this file.
 */
const v2Raw = import.meta.glob<string>('../../../../fixtures/recorded/kusto-v2/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const v1Raw = import.meta.glob<string>('../../../../fixtures/recorded/kusto-v1/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function byName(files: Record<string, string>): Map<string, Uint8Array> {
  const encoder = new TextEncoder();
  return new Map(
    Object.entries(files).map(([path, text]) => [
      path.slice(path.lastIndexOf('/') + 1),
      encoder.encode(text),
    ]),
  );
}

export const v2Fixtures = byName(v2Raw);
export const v1Fixtures = byName(v1Raw);

export function fixture(map: Map<string, Uint8Array>, name: string): Uint8Array {
  const bytes = map.get(name);
  if (!bytes) throw new Error(`Fixture ${name} not found (have ${[...map.keys()].join(', ')})`);
  return bytes;
}

/** Deterministic PRNG (mulberry32) so chunk splits are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits bytes into chunks of random sizes in [1, maxSize]. */
export function randomChunks(bytes: Uint8Array, seed: number, maxSize: number): Uint8Array[] {
  const random = seededRandom(seed);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(random() * maxSize);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

export function fixedChunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/** Everything observable about a DataSet, as plain data, for equality checks. */
export function snapshot(dataSet: DataSet): unknown {
  return {
    complete: dataSet.complete,
    header: dataSet.header,
    completion: dataSet.completion,
    visualizations: dataSet.visualizations,
    extendedProperties: dataSet.extendedProperties,
    stats: dataSet.stats,
    issues: dataSet.issues.map((i) => ({ ...i, raw: JSON.stringify(i.raw) })),
    tables: dataSet.tables.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      columns: t.columns,
      rowCount: t.rowCount,
      complete: t.complete,
      progress: t.progress,
      reportedRowCount: t.reportedRowCount,
      rows: Array.from({ length: t.rowCount }, (_, r) =>
        t.columns.map((_c, c) => ({
          text: getCellText(t, r, c),
          null: isNullCell(t, r, c),
          value: String(
            typeof getCell(t, r, c) === 'object'
              ? JSON.stringify(getCell(t, r, c))
              : getCell(t, r, c),
          ),
        })),
      ),
    })),
  };
}
