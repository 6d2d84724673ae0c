import { describe, expect, it } from 'vitest';
import { outcomeFromSettled } from './settled-outcome';

const base = {
  requestId: 'Quarry.Query;1',
  activityId: 'act-1',
  timing: { startedAt: 0, respondedAt: 5, finishedAt: 9 },
};
const ctx = { requestId: 'Quarry.Query;1', activityId: 'act-1', host: null, database: 'app' };

describe('outcomeFromSettled (every source reads a finished session the same way)', () => {
  it('reads a JSON error where a result should be, and keeps its ids', () => {
    const outcome = outcomeFromSettled(
      {
        ok: false,
        summary: null,
        failure: {
          reason: 'format',
          message: 'The response is not a query result.',
          sample: '{"error":{"code":"Forbidden"',
          body: { error: { code: 'Forbidden', message: 'The proxy refused the request.' } },
        },
      },
      ctx,
      base,
      'the service',
    );
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.kind).toBe('bad-response');
    expect(outcome.error.cause).toBe(
      'The response is not a query result. It says: The proxy refused the request.',
    );
    expect(outcome.error.requestId).toBe('Quarry.Query;1');
    expect(outcome.requestId).toBe('Quarry.Query;1');
  });

  it('names the service when a dropped stream has no host', () => {
    const outcome = outcomeFromSettled(
      { ok: false, summary: null, failure: { reason: 'stream', message: 'network error' } },
      ctx,
      base,
      'the endpoint',
    );
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.kind).toBe('network');
    expect(outcome.error.title).toBe(
      'The connection to the endpoint dropped while results were arriving',
    );
  });
});
