/**
 * The real Prometheus processes the stack runs: backfilled history answers a range query at once,
 * close() ends the process, and a start ends a Prometheus a killed stack left on the same folder.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOpenMetrics } from './prometheus-history.ts';
import { startPrometheusStorage } from './prometheus-process.ts';
import { freePort, prometheusBinaries, requirePrometheusInCi } from './prometheus-test-support.ts';
import { scrapedServices } from './scraped-services.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'quarry-prometheus-process-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!prometheusBinaries)('Prometheus storage process', () => {
  it('starts with 3 hours of history: a rate() range query over them answers at once', async () => {
    const storage = await startPrometheusStorage({
      binaries: prometheusBinaries!,
      port: await freePort(),
      dir: path.join(dir, 'history'),
      backfill: historyOpenMetrics({ services: scrapedServices }),
    });
    try {
      const end = Math.floor(Date.now() / 1000);
      const query = new URLSearchParams({
        query: 'sum by (route) (rate(http_requests_total{job="kusto-standin"}[5m]))',
        start: String(end - 3 * 3600),
        end: String(end),
        step: '60',
      });
      const response = await fetch(`${storage.url}/api/v1/query_range?${query}`);
      const body = (await response.json()) as {
        data: { result: Array<{ metric: { route: string }; values: [number, string][] }> };
      };
      const routes = body.data.result.map((series) => series.metric.route).sort();
      expect(routes).toEqual(['/metrics', '/v1/rest/mgmt', '/v2/rest/query']);
      const query2 = body.data.result.find((series) => series.metric.route === '/v2/rest/query')!;
      // Nearly every minute of the 3 hours has a value (the first 5 minutes have no rate yet).
      expect(query2.values.length).toBeGreaterThan(170);
      expect(Number(query2.values.at(-1)![1])).toBeGreaterThan(0);
    } finally {
      await storage.close();
    }
  });

  it('ends its process on close, and a start ends one a killed stack left behind', async () => {
    const storageDir = path.join(dir, 'leftover');
    const first = await startPrometheusStorage({
      binaries: prometheusBinaries!,
      port: await freePort(),
      dir: storageDir,
    });
    const firstPid = Number(await readFile(path.join(storageDir, 'prometheus.pid'), 'utf8'));
    expect(alive(firstPid)).toBe(true);
    // The stack "dies" without closing: the next start on the same folder ends the leftover.
    const second = await startPrometheusStorage({
      binaries: prometheusBinaries!,
      port: await freePort(),
      dir: storageDir,
    });
    await expect.poll(() => alive(firstPid)).toBe(false);
    const secondPid = Number(await readFile(path.join(storageDir, 'prometheus.pid'), 'utf8'));
    await second.close();
    expect(alive(secondPid)).toBe(false);
    await first.close();
  });
});

it('has Prometheus where CI runs', () => {
  requirePrometheusInCi();
});
