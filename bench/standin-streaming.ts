/**
 * The Kusto stand-in's own serving time for big results: time to the first response byte and to
 * the last one for `set notruncation; union StormEvents × n`, measured by a client in this
 * process against a stand-in in a child process (so the client's reading does not share the
 * server's thread). Reports only.
 *
 * Run alone: `npx tsx bench/standin-streaming.ts [--rows=59066,531594,1004122]`
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

export const STORM_EVENTS_ROWS = 59_066;

export interface ServeMeasurement {
  rows: number;
  copies: number;
  firstByteMs: number;
  totalMs: number;
  bytes: number;
}

/** `set notruncation; union StormEvents, …` with enough copies for about `rows` rows. */
export function unionQuery(copies: number): string {
  return `set notruncation; union ${Array.from({ length: copies }, () => 'StormEvents').join(', ')}`;
}

export function copiesFor(rows: number): number {
  return Math.max(1, Math.round(rows / STORM_EVENTS_ROWS));
}

interface ChildReady {
  url: string;
  token: string;
}

/** Starts the stand-in (test catalog, test key pair) in a child process. */
async function startChild(): Promise<{ child: ChildProcess; ready: ChildReady }> {
  const child = fork(fileURLToPath(import.meta.url), ['--child'], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ChildReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ChildReady));
    child.once('exit', (code) => reject(new Error(`The stand-in child exited (${code}).`)));
  });
  return { child, ready };
}

function timeQuery(
  url: string,
  token: string,
  csl: string,
): Promise<Omit<ServeMeasurement, 'rows' | 'copies'>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = -1;
    let bytes = 0;
    const body = JSON.stringify({ db: 'Samples', csl, properties: { Options: {} } });
    const req = request(
      `${url}/v2/rest/query`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'x-ms-client-request-id': `bench;${crypto.randomUUID()}`,
        },
      },
      (response) => {
        response.on('data', (chunk: Buffer) => {
          if (firstByteMs < 0) firstByteMs = performance.now() - started;
          bytes += chunk.length;
        });
        response.on('end', () =>
          resolve({ firstByteMs, totalMs: performance.now() - started, bytes }),
        );
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function measureStandInServing(rowTargets: number[]): Promise<ServeMeasurement[]> {
  const { child, ready } = await startChild();
  try {
    // One small query first: the first analysis and JIT warm-up are not what is measured.
    await timeQuery(ready.url, ready.token, 'StormEvents | take 10');
    const out: ServeMeasurement[] = [];
    for (const target of rowTargets) {
      const copies = copiesFor(target);
      const measured = await timeQuery(ready.url, ready.token, unionQuery(copies));
      out.push({ rows: copies * STORM_EVENTS_ROWS, copies, ...measured });
    }
    return out;
  } finally {
    child.kill();
  }
}

async function runChild(): Promise<void> {
  const { startStandInFixture } =
    await import('../local-stack/kusto-standin/kusto-standin-test-fixture.ts');
  const fixture = await startStandInFixture();
  const token = await fixture.userToken('analyst@contoso.com');
  process.send!({ url: fixture.url, token } satisfies ChildReady);
}

if (process.argv.includes('--child')) {
  await runChild();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = (
    process.argv.find((a) => a.startsWith('--rows='))?.split('=')[1] ?? '59066,531594,1004122'
  )
    .split(',')
    .map(Number);
  for (const m of await measureStandInServing(rows)) {
    console.log(
      `${m.rows.toLocaleString('en-US')} rows (${m.copies}×): first byte ${m.firstByteMs.toFixed(0)} ms, ` +
        `all ${(m.totalMs / 1000).toFixed(2)} s, ${(m.bytes / 1e6).toFixed(0)} MB`,
    );
  }
}
