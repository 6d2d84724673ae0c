import { describe, expect, it } from 'vitest';
import { NotSignedInError } from '../../lib/auth/token-errors';
import { runKustoQuery } from '../../lib/kusto/kusto-client';
import { kustoResultParsers } from '../../lib/kusto/kusto-result-parsers';
import { fixture, v2Fixtures } from '../../lib/kusto/test-support/fixtures';
import {
  chunkedBody,
  fakeFetch,
  streamResponse,
  textResponse,
  type Answer,
} from '../../lib/query/test-support/fake-fetch';
import type { QueryHandle } from '../../lib/query/query-run';
import { createInProcessResultEngine } from '../../lib/query/query-worker-client';
import { createTrustedHostPolicy } from '../../lib/trusted-hosts';
import type { TokenFunction } from '../../lib/auth/token-function';
import { runStateFromOutcome } from './run-state-from-outcome';

/**
 * The run-outcome → run-state mapping, over outcomes the real Kusto client produced from
 * recorded responses (fixtures/recorded/kusto-v2, see PROVENANCE.md there) and a fake fetch.
 */

const STARTED_AT = Date.parse('2024-01-01T00:00:00Z');
const signedIn: TokenFunction = async () => 'token';

function runOn(answers: Answer[], getToken: TokenFunction = signedIn): QueryHandle {
  const { fetch } = fakeFetch(answers);
  let clock = STARTED_AT;
  return runKustoQuery(
    {
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
      text: 'StormEvents | take 3',
      getToken,
      signal: new AbortController().signal,
      requestId: 'Quarry.Query;outcome-1',
      trustedHosts: createTrustedHostPolicy({ extraHosts: [] }),
    },
    {},
    {
      fetch,
      engine: createInProcessResultEngine(kustoResultParsers),
      sleep: async () => {},
      // Every reading of the clock is 250 ms after the last, so durations are known.
      now: () => (clock += 250),
    },
  );
}

function recorded(name: string, cutAfter?: number): Response {
  const bytes = fixture(v2Fixtures, name);
  return streamResponse(
    cutAfter === undefined
      ? chunkedBody(bytes, 1000)
      : chunkedBody(bytes, 1000, new TypeError('network error'), cutAfter),
  );
}

describe('runStateFromOutcome', () => {
  it('a complete result is done, with its rows and no problem', async () => {
    const handle = runOn([recorded('node-v2.json')]);
    const outcome = await handle.outcome;
    const state = runStateFromOutcome(outcome, STARTED_AT, handle);
    expect(state).toMatchObject({
      status: 'done',
      requestId: 'Quarry.Query;outcome-1',
      startedAt: STARTED_AT,
      problem: null,
    });
    if (state.status !== 'done') throw new Error('unreachable');
    expect(state.session).toBe(handle);
    expect(state.durationMs).toBe(outcome.timing.finishedAt - outcome.timing.startedAt);
    expect(state.durationMs).toBeGreaterThan(0);
    const primary = state.summary.tables.find((t) => t.id === state.summary.primaryTableIds[0]);
    expect(primary?.rowCount).toBe(3);
  });

  it('a truncated result is done, with the truncation as its problem', async () => {
    const handle = runOn([recorded('go-partialError.json')]);
    const state = runStateFromOutcome(await handle.outcome, STARTED_AT, handle);
    expect(state.status).toBe('done');
    if (state.status !== 'done') throw new Error('unreachable');
    expect(state.problem).toMatchObject({ kind: 'truncated', code: 'LimitsExceeded' });
  });

  it('a failure after rows arrived keeps the rows, with the error beside them', async () => {
    const handle = runOn([recorded('python-progressive_result.json', 8000)]);
    const outcome = await handle.outcome;
    expect(outcome.status).toBe('failed');
    const state = runStateFromOutcome(outcome, STARTED_AT, handle);
    expect(state.status).toBe('done');
    if (state.status !== 'done') throw new Error('unreachable');
    expect(state.problem).toMatchObject({ kind: 'network' });
    expect(state.session).toBe(handle);
  });

  it('a failure before any row is failed, with the classified error', async () => {
    const handle = runOn([textResponse(404, '')]);
    const state = runStateFromOutcome(await handle.outcome, STARTED_AT, handle);
    expect(state).toMatchObject({
      status: 'failed',
      requestId: 'Quarry.Query;outcome-1',
      error: { kind: 'not-found' },
    });
  });

  it('no token is failed with kind sign-in, carrying the broker’s error', async () => {
    const notSignedIn = new NotSignedInError();
    const handle = runOn([recorded('node-v2.json')], async () => {
      throw notSignedIn;
    });
    const state = runStateFromOutcome(await handle.outcome, STARTED_AT, handle);
    expect(state).toMatchObject({
      status: 'failed',
      error: { kind: 'sign-in', signInError: notSignedIn },
    });
  });

  it('an untrusted target is failed as untrusted-host, not as a sign-in problem', async () => {
    const { fetch, calls } = fakeFetch([recorded('node-v2.json')]);
    const handle = runKustoQuery(
      {
        clusterUrl: 'https://evil.example',
        database: 'Samples',
        text: 'print 1',
        getToken: signedIn,
        signal: new AbortController().signal,
        trustedHosts: createTrustedHostPolicy({ extraHosts: [] }),
      },
      {},
      { fetch, engine: createInProcessResultEngine(kustoResultParsers) },
    );
    const state = runStateFromOutcome(await handle.outcome, STARTED_AT, handle);
    expect(state).toMatchObject({ status: 'failed', error: { kind: 'untrusted-host' } });
    expect(calls).toEqual([]);
  });

  it('a cancelled run is cancelled, whatever arrived', async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch([recorded('node-v2.json')]);
    const handle = runKustoQuery(
      {
        clusterUrl: 'https://help.kusto.windows.net',
        database: 'Samples',
        text: 'print 1',
        getToken: signedIn,
        signal: controller.signal,
        trustedHosts: createTrustedHostPolicy({ extraHosts: [] }),
      },
      {},
      { fetch, engine: createInProcessResultEngine(kustoResultParsers) },
    );
    controller.abort();
    const state = runStateFromOutcome(await handle.outcome, STARTED_AT, handle);
    expect(state).toMatchObject({ status: 'cancelled', startedAt: STARTED_AT });
  });
});
