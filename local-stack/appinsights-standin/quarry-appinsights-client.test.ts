/**
 * The console's App Insights client (src/lib/appinsights) against the real stand-in over loopback
 * HTTP: rows, the syntax-error position, forbidden, and the schema document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAppInsightsSchema, runAppInsightsQuery } from '../../src/lib/appinsights';
import { createInProcessResultEngine } from '../../src/lib/sources/result-engine';
import { createTrustedHostPolicy } from '../../src/lib/trusted-hosts';
import { appInsightsApps } from '../local-constants.ts';
import {
  startAppInsightsFixture,
  type AppInsightsFixture,
} from './appinsights-standin-test-fixture.ts';

let fixture: AppInsightsFixture;
beforeAll(async () => {
  fixture = await startAppInsightsFixture();
});
afterAll(() => fixture.close());

function query(
  text: string,
  user: 'analyst@contoso.com' | 'viewer@contoso.com' = 'analyst@contoso.com',
) {
  return runAppInsightsQuery(
    {
      endpoint: fixture.url,
      appId: appInsightsApps.demo.appId,
      text,
      timespan: 'P7D',
      getToken: () => fixture.userToken(user),
      signal: new AbortController().signal,
      trustedHosts: createTrustedHostPolicy({ extraHosts: [fixture.url] }),
    },
    {},
    { engine: createInProcessResultEngine() },
  ).outcome;
}

describe('Quarry App Insights client against the stand-in', () => {
  it('runs a query and gets typed rows, render and statistics', async () => {
    const outcome = await query(
      'requests | summarize n = count() by bin(timestamp, 1d) | render timechart',
    );
    expect(outcome.status).toBe('succeeded');
    if (outcome.status !== 'succeeded') return;
    const table = outcome.summary.tables[0]!;
    expect(table.columns.map((c) => c.type)).toEqual(['datetime', 'long']);
    expect(table.rowCount).toBeGreaterThan(0);
    expect(outcome.summary.visualizations[0]?.visualization).toBe('timechart');
    expect(outcome.summary.stats?.executionTimeSec).not.toBeNull();
  });

  it('a syntax error carries the 1-based position of the offending token', async () => {
    const text = 'requests | where invalid syntax';
    const outcome = await query(text);
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.kind).toBe('query-syntax');
    expect(outcome.error.position?.line).toBe(1);
    expect(outcome.error.activityId).not.toBeNull();
  });

  it('viewer@contoso.com may not read the app → forbidden', async () => {
    const outcome = await query('requests | take 1', 'viewer@contoso.com');
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.error.kind).toBe('forbidden');
  });

  it('the schema lists the standard tables with Kusto types', async () => {
    const schema = await fetchAppInsightsSchema({
      endpoint: fixture.url,
      appId: appInsightsApps.demo.appId,
      getToken: () => fixture.userToken('analyst@contoso.com'),
      signal: new AbortController().signal,
      trustedHosts: createTrustedHostPolicy({ extraHosts: [fixture.url] }),
    });
    const requests = schema.tables.find((t) => t.name === 'requests');
    expect(requests?.columns.find((c) => c.name === 'timestamp')?.cslType).toBe('datetime');
  });
});
