import { describe, expect, it, vi } from 'vitest';
import { ParseWorkerCore } from '../query/parse-worker-core';
import type { ParseWorkerRequest, ParseWorkerResponse } from '../query/parse-worker-protocol';
import { PortResultEngine, type EnginePort } from '../query/query-worker-client';
import { byteStreamBody, chunkedBody } from '../query/test-support/fake-fetch';
import { detachableBody } from '../query/test-support/detachable-chunks';
import { fixture, v1Fixtures, v2Fixtures } from '../kusto/test-support/fixtures';
import { createInProcessResultEngine } from './result-engine';
import { resultParsers } from './result-parsers';
import { TABLE_HEAD_ROWS, type DataSetSummary } from '../result-model';

/**
 * A port whose postMessage behaves like a browser that cannot transfer streams: a
 * ReadableStream in the transfer list throws DataCloneError.
 */
function noStreamTransferPort(): { port: EnginePort; received: ParseWorkerRequest['type'][] } {
  const listeners: ((event: { data: ParseWorkerResponse }) => void)[] = [];
  const received: ParseWorkerRequest['type'][] = [];
  const core = new ParseWorkerCore(
    (data) => queueMicrotask(() => listeners.forEach((l) => l({ data }))),
    resultParsers,
  );
  const port: EnginePort = {
    postMessage: (message, transfer) => {
      if (transfer?.some((t) => t instanceof ReadableStream)) {
        throw new DOMException('ReadableStream could not be cloned.', 'DataCloneError');
      }
      received.push(message.type);
      queueMicrotask(() => core.handle(message));
    },
    addEventListener: (type: 'message' | 'error', listener: never) => {
      if (type === 'message') listeners.push(listener);
    },
  };
  return { port, received };
}

/** A v2 body parsed to the end in the engine: table 1's first 1,000 rows. */
async function rowsOf(body: ReadableStream<Uint8Array>) {
  const session = createInProcessResultEngine({ updateIntervalMs: 0 }).open('v2', body);
  expect((await session.done).ok).toBe(true);
  return session.getRows({ tableId: 1, start: 0, end: 1_000 });
}

describe('result engine (worker protocol)', () => {
  it('parses a v2 stream, posts summaries, and serves sorted/filtered row blocks', async () => {
    const engine = createInProcessResultEngine({ updateIntervalMs: 0 });
    const updates: number[] = [];
    const session = engine.open(
      'v2',
      chunkedBody(fixture(v2Fixtures, 'python-progressive_result.json'), 500),
      (s) => updates.push(s.tables.reduce((n, t) => n + t.rowCount, 0)),
    );
    const outcome = await session.done;
    expect(outcome.ok).toBe(true);
    expect(updates.length).toBeGreaterThan(2);
    expect(session.latest()?.complete).toBe(true);
    const sorted = await session.getRows({
      tableId: 1,
      start: 0,
      end: 5,
      sortModel: [{ colId: 'EventId', sort: 'asc' }],
    });
    expect(sorted.rows.map((r) => r.cells[3])).toEqual(['9488', '9494', '13208', '23357', '23358']);
    const byState = await session.getRows({
      tableId: 1,
      start: 0,
      end: 5,
      filterModel: { State: { filterType: 'text', type: 'equals', filter: 'new york' } },
    });
    expect(byState.rowCount).toBe(2);
    expect(byState.rows.map((r) => r.row)).toEqual([3, 4]);
    const nulls = await session.getRows({ tableId: 1, start: 1, end: 2 });
    expect(nulls.rows[0]?.cells[15]).toBeNull(); // BeginLat null
    expect(nulls.rows[0]?.cells[13]).toBe(''); // BeginLocation empty string
  });

  it('frees each response chunk once parsed, and the rows read the same as without', async () => {
    const bytes = fixture(v2Fixtures, 'python-progressive_result.json');
    const sent: Uint8Array[] = [];
    // 700-byte chunks: rows and strings straddle chunk edges, so the parser must have copied
    // what it keeps before a chunk goes.
    const freed = await rowsOf(detachableBody(bytes, 700, sent));
    expect(freed).toEqual(await rowsOf(chunkedBody(bytes, 700)));
    expect(freed.rowCount).toBeGreaterThan(0);
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.filter((chunk) => chunk.buffer.byteLength > 0)).toEqual([]);
  });

  it('reads a byte-stream body (a fetch body) into one reused buffer, with the same rows', async () => {
    const bytes = fixture(v2Fixtures, 'python-progressive_result.json');
    const served = { intoReaderBuffer: 0, enqueued: 0 };
    // 700-byte reads into the same buffer: a parser that kept a view on a chunk would read
    // the next chunk's bytes there.
    const viaBuffer = await rowsOf(byteStreamBody(bytes, 700, served));
    expect(served.intoReaderBuffer).toBeGreaterThan(10);
    expect(served.enqueued).toBe(0);
    expect(viaBuffer.rows.length).toBeGreaterThan(0);
    expect(viaBuffer).toEqual(await rowsOf(chunkedBody(bytes, 700)));
  });

  it('falls back to posting chunks when the body stream cannot be transferred', async () => {
    const { port, received } = noStreamTransferPort();
    const engine = new PortResultEngine(port, { transferStreams: true });
    const session = engine.open('v1', chunkedBody(fixture(v1Fixtures, 'go-success.json'), 300));
    const outcome = await session.done;
    expect(outcome.ok).toBe(true);
    expect(received[0]).toBe('open');
    expect(received.filter((t) => t === 'chunk').length).toBeGreaterThan(5);
    expect(received).toContain('end');
    expect(
      (await session.getRows({ tableId: 1, start: 0, end: 3 })).rows.map((r) => r.cells),
    ).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
  });

  it('settles a failed stream with the rows parsed so far', async () => {
    const engine = createInProcessResultEngine();
    const bytes = fixture(v2Fixtures, 'python-progressive_result.json');
    const session = engine.open('v2', chunkedBody(bytes, 700, new Error('connection reset'), 7000));
    const outcome = await session.done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure).toEqual({ reason: 'stream', message: 'Error: connection reset' });
    expect(outcome.summary?.tables.find((t) => t.id === 1)?.rowCount).toBeGreaterThan(0);
  });

  it('settles a body that is not a result as a format failure with a sample', async () => {
    const engine = createInProcessResultEngine();
    const session = engine.open(
      'v2',
      chunkedBody(new TextEncoder().encode('Service Unavailable'), 4),
    );
    const outcome = await session.done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure).toMatchObject({ reason: 'format', sample: 'Serv' });
  });

  it('fails a session whose format no source registered, naming the format', async () => {
    const engine = createInProcessResultEngine();
    const session = engine.open('prometheus-v0', chunkedBody(new TextEncoder().encode('{}'), 2));
    const outcome = await session.done;
    expect(outcome).toMatchObject({
      ok: false,
      failure: { reason: 'format', message: expect.stringContaining('"prometheus-v0"') as string },
    });
  });

  it('fails open sessions and pending row requests when the engine closes', async () => {
    const engine = createInProcessResultEngine();
    const never = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
    const session = engine.open('v2', never);
    engine.close();
    const outcome = await session.done;
    expect(outcome).toMatchObject({ ok: false, failure: { reason: 'stream' } });
  });
});

describe('parse worker updates (fake clock)', () => {
  it('posts row-count updates at most every 250 ms by default; structural changes at once', () => {
    let clock = 0;
    const posted: { at: number; message: ParseWorkerResponse }[] = [];
    const core = new ParseWorkerCore(
      (message) => posted.push({ at: clock, message }),
      resultParsers,
      {
        now: () => clock,
      },
    );
    const body = fixture(v2Fixtures, 'python-progressive_result.json');
    core.handle({ type: 'open', sessionId: 1, format: 'v2', body: null });
    for (let at = 0; at < body.length; at += 40) {
      clock += 10; // a chunk every 10 ms
      core.handle({ type: 'chunk', sessionId: 1, chunk: body.slice(at, at + 40) });
    }
    core.handle({ type: 'end', sessionId: 1 });
    expect(posted.at(-1)?.message.type).toBe('done');
    const updates = posted.filter((p) => p.message.type === 'update');
    const shape = (p: (typeof updates)[number]) => {
      const summary = (p.message as Extract<ParseWorkerResponse, { type: 'update' }>).summary;
      return JSON.stringify([
        // First rows, and a full head (TABLE_HEAD_ROWS), post at once too.
        summary.tables.map((t) => [
          t.id,
          t.complete,
          t.rowCount > 0,
          t.rowCount >= TABLE_HEAD_ROWS,
        ]),
        summary.issues.length,
        summary.completion !== null,
      ]);
    };
    let sameShapeGaps = 0;
    for (let i = 1; i < updates.length; i++) {
      if (shape(updates[i]!) !== shape(updates[i - 1]!)) continue;
      sameShapeGaps++;
      expect(updates[i]!.at - updates[i - 1]!.at).toBeGreaterThanOrEqual(250);
    }
    expect(sameShapeGaps).toBeGreaterThan(0); // the fixture is long enough to throttle
  });

  it('sends a result table’s first rows with its summaries, as soon as they are parsed', () => {
    let clock = 0;
    const posted: ParseWorkerResponse[] = [];
    // Row-count updates never fall due: only structural changes post before the end.
    const core = new ParseWorkerCore((message) => posted.push(message), resultParsers, {
      now: () => clock,
      updateIntervalMs: 1e9,
    });
    const body = fixture(v2Fixtures, 'python-progressive_result.json');
    core.handle({ type: 'open', sessionId: 1, format: 'v2', body: null });
    for (let at = 0; at < body.length; at += 40) {
      clock += 10;
      core.handle({ type: 'chunk', sessionId: 1, chunk: body.slice(at, at + 40) });
    }
    core.handle({ type: 'end', sessionId: 1 });
    const summaries = posted.flatMap((m) =>
      m.type === 'update' || m.type === 'done' ? [m.summary] : [],
    );
    const primary = (summary: DataSetSummary) =>
      summary.tables.find((t) => t.kind === 'PrimaryResult');
    // The update that first counts rows carries them.
    const firstWithRows = summaries.find((s) => (primary(s)?.rowCount ?? 0) > 0)!;
    expect(firstWithRows.complete).toBe(false);
    expect(primary(firstWithRows)!.head).toHaveLength(
      Math.min(primary(firstWithRows)!.rowCount, TABLE_HEAD_ROWS),
    );
    // At the end: the first rows as the grid's first block shows them; other tables have none.
    const last = summaries.at(-1)!;
    const table = primary(last)!;
    core.handle({
      type: 'getRows',
      sessionId: 1,
      callId: 7,
      request: { tableId: table.id, start: 0, end: TABLE_HEAD_ROWS },
    });
    const block = posted.at(-1) as Extract<ParseWorkerResponse, { type: 'rows' }>;
    expect(block.result.rows.length).toBeGreaterThan(0);
    expect(table.head).toEqual(block.result.rows);
    expect(last.tables.filter((t) => t.head !== undefined)).toEqual([table]);
  });
});

describe('parse worker yields while it parses', () => {
  it('answers a row request while a body that is already all there is still being parsed', async () => {
    const posted: ParseWorkerResponse[] = [];
    let asked = false;
    const core = new ParseWorkerCore(
      (message) => {
        posted.push(message);
        const summary = message.type === 'update' ? message.summary : undefined;
        const first = summary?.tables.find((t) => t.id === summary.primaryTableIds[0]);
        if (!asked && first && first.rowCount >= 2) {
          asked = true;
          // As the page's request would: a message, so a task after this one.
          setTimeout(() =>
            core.handle({
              type: 'getRows',
              sessionId: 1,
              callId: 7,
              request: { tableId: first.id, start: 0, end: 2 },
            }),
          );
        }
      },
      resultParsers,
      // Yield at every check; a timer stands in for the worker's message queue.
      {
        updateIntervalMs: 0,
        yieldEveryMs: 0,
        yieldToQueued: () => new Promise((r) => setTimeout(r)),
      },
    );
    // A pulled stream answers every read at once, as a fast download does: no task in between.
    const body = chunkedBody(fixture(v2Fixtures, 'python-progressive_result.json'), 200);
    core.handle({ type: 'open', sessionId: 1, format: 'v2', body });
    await vi.waitFor(() => expect(posted.at(-1)?.type).toBe('done'));
    const rows = posted.findIndex((m) => m.type === 'rows');
    expect(rows).toBeGreaterThan(-1);
    expect(rows).toBeLessThan(posted.findIndex((m) => m.type === 'done'));
    const answer = posted[rows] as Extract<ParseWorkerResponse, { type: 'rows' }>;
    expect(answer.result.rows).toHaveLength(2);
    expect(answer.result.tableComplete).toBe(false);
  });
});
