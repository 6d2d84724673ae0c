import { expect } from 'vitest';
import { fixture, v2Fixtures } from '../../kusto/test-support/fixtures';
import { chunkedBody } from '../../query/test-support/fake-fetch';
import { createInProcessResultEngine } from '../result-engine';

/** A session that has loaded the recorded StormEvents v2 response (in 500-byte chunks). */
export async function loadedStormEvents() {
  const engine = createInProcessResultEngine({ updateIntervalMs: 0 });
  const session = engine.open(
    'v2',
    chunkedBody(fixture(v2Fixtures, 'python-progressive_result.json'), 500),
    () => undefined,
  );
  expect((await session.done).ok).toBe(true);
  return session;
}
