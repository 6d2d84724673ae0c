import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ChunkedValues,
  DataSetBuilder,
  EXACT_NUMBER_MARK,
  getCell,
  type DataSet,
} from '../result-model';
import { compactDataSet, expandDataSet } from './compact-result';
import { formatBytes, ResultStore, resultsDatabaseName, type KeptResultInfo } from './result-store';

let workspaceCount = 0;
const uniqueWorkspace = () => `results-test-${++workspaceCount}`;

/** A data set of `rows` rows with every column type, `text` making each row's string long. */
function dataSet(rows: number, text = 'x'): DataSet {
  const builder = new DataSetBuilder('kusto-v2');
  builder.addTable({
    id: 1,
    name: 'PrimaryResult',
    kind: 'PrimaryResult',
    columns: [
      { name: 'n', wireType: 'int' },
      { name: 'state', wireType: 'string' },
      { name: 'note', wireType: 'string' },
      { name: 'big', wireType: 'long' },
      { name: 'at', wireType: 'datetime' },
      { name: 'ok', wireType: 'bool' },
      { name: 'span', wireType: 'timespan' },
      { name: 'bag', wireType: 'dynamic' },
    ],
  });
  builder.appendRows(
    1,
    Array.from({ length: rows }, (_, i) => [
      i % 7 === 0 ? null : i,
      ['TEXAS', 'KANSAS', 'IOWA'][i % 3],
      `${text}${i}`,
      i === 1 ? `${EXACT_NUMBER_MARK}9007199254740993` : i * 1000,
      i % 5 === 0 ? null : `2020-01-01T00:00:0${i % 10}.1234567Z`,
      i % 4 === 0 ? null : i % 2 === 0,
      '01:00:00',
      { id: i, tags: ['a', i] },
    ]),
    { exactNumbers: true },
  );
  builder.completeTable(1);
  return builder.finish();
}

function info(tabId: string, id: string, savedAt: number): Omit<KeptResultInfo, 'bytes'> {
  return {
    id,
    tabId,
    savedAt,
    startedAt: savedAt - 100,
    durationMs: 100,
    text: `Q ${id}`,
    preview: false,
    rowCount: 0,
    connectionLabel: 'help / Samples',
    problem: null,
  };
}

function cells(set: DataSet): unknown[][] {
  const table = set.tables[0]!;
  return Array.from({ length: table.rowCount }, (_, r) =>
    table.columns.map((_, c) => getCell(table, r, c)),
  );
}

afterEach(() => vi.restoreAllMocks());

describe('compact form', () => {
  it('reads back every cell of every type, exact longs and sub-millisecond datetimes included', () => {
    const original = dataSet(300);
    const compacted = compactDataSet(original);
    expect(compacted.ok).toBe(true);
    if (!compacted.ok) return;
    const restored = expandDataSet(structuredClone(compacted.result));
    expect(cells(restored)).toEqual(cells(original));
    expect(restored.tables[0]!.rowCount).toBe(300);
    expect(getCell(restored.tables[0]!, 1, 3)).toBe(9007199254740993n);
  });

  it('stores a repeated string once per column (the state column is codes, not 300 strings)', () => {
    const compacted = compactDataSet(dataSet(300));
    if (!compacted.ok) throw new Error('not compacted');
    const state = compacted.result.tables[0]!.data[1] as { distinct: string[]; codes: Uint16Array };
    expect(state.distinct).toEqual(['TEXAS', 'KANSAS', 'IOWA']);
    expect(state.codes).toBeInstanceOf(Uint16Array);
  });

  it('stops counting once over the limit and says how big it was', () => {
    const outcome = compactDataSet(dataSet(2000, 'y'.repeat(200)), 100_000);
    expect(outcome.ok).toBe(false);
    expect(outcome.bytes).toBeGreaterThan(100_000);
  });

  it('sizes text columns last and stops reading cells soon after the count is over the limit', () => {
    const big = dataSet(2000, 'y'.repeat(200));
    const table = big.tables[0]!;
    const note = table.data[2] as { values: ChunkedValues<string | null> };
    const bag = table.data[7] as { values: ChunkedValues<unknown> };
    const noteReads = vi.spyOn(note.values, 'get');
    const bagReads = vi.spyOn(bag.values, 'get');
    expect(compactDataSet(big, 100_000).ok).toBe(false);
    // The dynamic column is sized before the text ones, within what their least sizes leave,
    // and goes over: the 2,000 long notes are never read.
    expect(bagReads.mock.calls.length).toBeGreaterThan(0);
    expect(bagReads.mock.calls.length).toBeLessThan(1000);
    expect(noteReads).not.toHaveBeenCalled();
  });

  it('turns down a result over the limit before copying any column', () => {
    const big = dataSet(2000, 'y'.repeat(200));
    const copies = [
      vi.spyOn(Int32Array.prototype, 'slice'),
      vi.spyOn(Float64Array.prototype, 'slice'),
      vi.spyOn(Uint8Array.prototype, 'slice'),
      vi.spyOn(Array.prototype, 'slice'),
      vi.spyOn(ChunkedValues.prototype, 'toArray'),
    ];
    const outcome = compactDataSet(big, 100_000);
    expect(outcome.ok).toBe(false);
    for (const copy of copies) expect(copy).not.toHaveBeenCalled();
  });

  it('counts the same size whether or not it is over the limit', () => {
    const whole = compactDataSet(dataSet(500, 'y'.repeat(50)));
    if (!whole.ok) throw new Error('not compacted');
    expect(compactDataSet(dataSet(500, 'y'.repeat(50)), whole.bytes)).toMatchObject({
      ok: true,
      bytes: whole.bytes,
    });
    expect(compactDataSet(dataSet(500, 'y'.repeat(50)), whole.bytes - 1).ok).toBe(false);
  });

  it('refuses a damaged entry instead of showing wrong rows', () => {
    const compacted = compactDataSet(dataSet(10));
    if (!compacted.ok) throw new Error('not compacted');
    const damaged = structuredClone(compacted.result);
    (damaged.tables[0]!.data[0] as { values: Int32Array }).values = new Int32Array(2);
    expect(() => expandDataSet(damaged)).toThrow(/damaged/);
    expect(() => expandDataSet({ version: 99 })).toThrow(/not in a form this version reads/);
    expect(() => expandDataSet(null)).toThrow();
  });
});

describe('result store', () => {
  it('keeps a result and restores it as it was', async () => {
    const store = new ResultStore(uniqueWorkspace());
    const original = dataSet(50);
    const kept = await store.keep(info('tab1', 'r1', 1000), original);
    expect(kept).toMatchObject({ status: 'kept', evicted: 0 });
    const listed = await store.list('tab1');
    expect(listed.ok && listed.kept.map((k) => k.id)).toEqual(['r1']);
    const restored = await store.restore('r1');
    expect(restored.ok).toBe(true);
    if (restored.ok) expect(cells(restored.dataSet)).toEqual(cells(original));
  });

  it('refuses a result over the per-result cap, keeps what it had, and says how big it was', async () => {
    const store = new ResultStore(uniqueWorkspace(), { maxBytes: 50_000, totalBytes: 1_000_000 });
    await store.keep(info('tab1', 'small', 1000), dataSet(20));
    const outcome = await store.keep(info('tab1', 'huge', 2000), dataSet(3000, 'z'.repeat(100)));
    expect(outcome.status).toBe('too-big');
    if (outcome.status === 'too-big') expect(outcome.bytes).toBeGreaterThan(50_000);
    const listed = await store.list('tab1');
    expect(listed.ok && listed.kept.map((k) => k.id)).toEqual(['small']);
  });

  it('evicts the oldest results (of any tab) until the total fits', async () => {
    const one = compactDataSet(dataSet(200));
    if (!one.ok) throw new Error('not compacted');
    // Room for three results of this size, not four.
    const store = new ResultStore(uniqueWorkspace(), {
      totalBytes: one.bytes * 3 + 10,
      maxBytes: one.bytes * 2,
    });
    await store.keep(info('a', 'a1', 1000), dataSet(200));
    await store.keep(info('b', 'b1', 2000), dataSet(200));
    await store.keep(info('a', 'a2', 3000), dataSet(200));
    const fourth = await store.keep(info('b', 'b2', 4000), dataSet(200));
    expect(fourth).toMatchObject({ status: 'kept', evicted: 1 });
    const a = await store.list('a');
    const b = await store.list('b');
    expect(a.ok && a.kept.map((k) => k.id)).toEqual(['a2']);
    expect(b.ok && b.kept.map((k) => k.id)).toEqual(['b2', 'b1']);
    expect(await store.restore('a1')).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('keeps five results per tab: the sixth evicts that tab’s oldest, not another tab’s', async () => {
    const store = new ResultStore(uniqueWorkspace());
    await store.keep(info('other', 'o1', 1), dataSet(5));
    for (let i = 1; i <= 6; i++) await store.keep(info('tab', `t${i}`, 100 + i), dataSet(5));
    const tab = await store.list('tab');
    expect(tab.ok && tab.kept.map((k) => k.id)).toEqual(['t6', 't5', 't4', 't3', 't2']);
    const other = await store.list('other');
    expect(other.ok && other.kept.map((k) => k.id)).toEqual(['o1']);
  });

  it('a damaged entry is "not restored" with a note; the other entries are untouched', async () => {
    const workspace = uniqueWorkspace();
    const store = new ResultStore(workspace);
    await store.keep(info('tab', 'good', 1), dataSet(5));
    await store.keep(info('tab', 'bad', 2), dataSet(5));
    // Damage the stored columns of one entry behind the store's back.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(resultsDatabaseName(workspace));
      open.onsuccess = () => {
        const tx = open.result.transaction('columns', 'readwrite');
        tx.objectStore('columns').put({ id: 'bad', result: { version: 1, tables: 'garbage' } });
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    const bad = await store.restore('bad');
    expect(bad).toMatchObject({ ok: false, reason: 'damaged' });
    if (!bad.ok) expect(bad.message).toMatch(/could not be read back/);
    expect((await store.restore('good')).ok).toBe(true);
    const listed = await store.list('tab');
    expect(listed.ok && listed.kept.map((k) => k.id)).toEqual(['bad', 'good']);
  });

  it('a full quota says so and evicts nothing (the write and the evictions share a transaction)', async () => {
    const store = new ResultStore(uniqueWorkspace(), { perTab: 1 });
    await store.keep(info('tab', 'earlier', 1), dataSet(5));
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const outcome = await store.keep(info('tab', 'later', 2), dataSet(5));
    put.mockRestore();
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') {
      expect(outcome.message).toMatch(/storage for this site is full/);
      expect(outcome.message).toMatch(
        /Earlier kept results, saved queries and history are unchanged/,
      );
    }
    // perTab 1 would have evicted "earlier": it is still there.
    const listed = await store.list('tab');
    expect(listed.ok && listed.kept.map((k) => k.id)).toEqual(['earlier']);
    expect((await store.restore('earlier')).ok).toBe(true);
  });

  it('an unavailable IndexedDB lists nothing and restores nothing, without throwing', async () => {
    const store = new ResultStore(uniqueWorkspace());
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException(
        'The operation failed for reasons unrelated to the database.',
        'UnknownError',
      );
    });
    expect(await store.list('tab')).toMatchObject({ ok: false });
    expect(await store.restore('x')).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(await store.keep(info('tab', 'x', 1), dataSet(3))).toMatchObject({ status: 'failed' });
  });

  it('formats sizes as people read them', () => {
    expect(formatBytes(412 * 1024 * 1024)).toBe('412 MB');
    expect(formatBytes(2048)).toBe('2 KB');
  });
});
