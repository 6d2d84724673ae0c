/**
 * Test support: a real Prometheus storage on a free port in a temporary folder. Tests that need it
 * skip only when the binary is absent on a developer's machine; under CI (where .ci/run installs
 * Debian's prometheus) its absence fails `requirePrometheusInCi`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findPrometheus, type PrometheusBinaries } from './prometheus-binary.ts';
import { startPrometheusStorage, type RunningPrometheus } from './prometheus-process.ts';

export const prometheusBinaries: PrometheusBinaries | undefined = findPrometheus();

/** Fails under CI when Prometheus is missing (so a skip can never hide a broken install step). */
export function requirePrometheusInCi(): void {
  if (!prometheusBinaries && process.env.CI) {
    throw new Error('CI must have Prometheus installed (.ci/run installs Debian\'s "prometheus").');
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startTestStorage(backfill?: string): Promise<RunningPrometheus> {
  if (!prometheusBinaries) throw new Error('Prometheus is not installed.');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'quarry-prometheus-'));
  const storage = await startPrometheusStorage({
    binaries: prometheusBinaries,
    port: await freePort(),
    dir,
    ...(backfill === undefined ? {} : { backfill }),
  });
  return {
    ...storage,
    close: async () => {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls an instant query until it returns at least one series (remote writes land within seconds). */
export async function queryUntilFound(
  storageUrl: string,
  query: string,
): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`${storageUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
    const body = (await response.json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    if (body.data.result.length > 0) return body.data.result;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No series for ${query} after 20 s.`);
}
