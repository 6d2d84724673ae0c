/**
 * Runs real Prometheus processes for the local stack: the storage behind the workspace stand-in
 * (`--web.enable-remote-write-receiver`) and an agent (`--enable-feature=agent`) that scrapes the
 * local services and remote-writes through the ingestion proxy. Their data lives under the
 * git-ignored `.local-stack/prometheus/`; the storage starts empty each time, then gets a few
 * hours of backfilled history (prometheus-history.ts), so range queries show something at once.
 *
 * Children stay in this process's process group: Ctrl-C in a terminal and Playwright's teardown
 * (which kills the group) end them with the stack. Whenever this process exits (a normal close,
 * `process.exit` in the middle of a start, an uncaught error) the children still running are sent
 * SIGTERM. Only a SIGKILL of this process itself can leave one behind: a pid file per process
 * lets the next start end it (only when its command line still names our data dir).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { PrometheusBinaries } from './prometheus-binary.ts';

const run = promisify(execFile);

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export const defaultPrometheusDir = path.join(repositoryRoot, '.local-stack', 'prometheus');

export interface RunningPrometheus {
  url: string;
  /** The last lines Prometheus logged (for error messages). */
  log(): string;
  close(): Promise<void>;
}

export interface StorageOptions {
  binaries: PrometheusBinaries;
  port: number;
  /** Default `.local-stack/prometheus/storage`. */
  dir?: string;
  /** OpenMetrics text to turn into blocks before start (`promtool tsdb create-blocks-from openmetrics`). */
  backfill?: string;
}

export interface AgentOptions {
  binaries: PrometheusBinaries;
  port: number;
  /** Default `.local-stack/prometheus/agent`. */
  dir?: string;
  /** The agent's prometheus.yml: scrape jobs and `remote_write`. */
  config: string;
}

export async function startPrometheusStorage(options: StorageOptions): Promise<RunningPrometheus> {
  const dir = options.dir ?? path.join(defaultPrometheusDir, 'storage');
  await endLeftover(dir);
  // Fresh each start: the history is regenerated to end now, and the live series follow it.
  await rm(dir, { recursive: true, force: true });
  const dataDir = path.join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  const configPath = path.join(dir, 'prometheus.yml');
  await writeFile(configPath, 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
  if (options.backfill !== undefined) {
    const file = path.join(dir, 'history.om');
    await writeFile(file, options.backfill);
    await run(
      options.binaries.promtool,
      ['tsdb', 'create-blocks-from', 'openmetrics', file, dataDir],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    await rm(file, { force: true });
  }
  return launch(options.binaries.prometheus, dir, options.port, [
    `--config.file=${configPath}`,
    `--storage.tsdb.path=${dataDir}`,
    '--storage.tsdb.retention.time=2d',
    '--web.enable-remote-write-receiver',
  ]);
}

export async function startPrometheusAgent(options: AgentOptions): Promise<RunningPrometheus> {
  const dir = options.dir ?? path.join(defaultPrometheusDir, 'agent');
  await endLeftover(dir);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'wal'), { recursive: true });
  const configPath = path.join(dir, 'prometheus.yml');
  await writeFile(configPath, options.config);
  return launch(options.binaries.prometheus, dir, options.port, [
    `--config.file=${configPath}`,
    '--enable-feature=agent',
    `--storage.agent.path=${path.join(dir, 'wal')}`,
  ]);
}

/** Children not yet seen to exit, for the exit hook below. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function endChildrenOnExit(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a signal is all that can be sent from here.
  process.once('exit', () => {
    for (const orphan of liveChildren) orphan.kill('SIGTERM');
  });
}

async function launch(
  binary: string,
  dir: string,
  port: number,
  args: string[],
): Promise<RunningPrometheus> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, [...args, `--web.listen-address=127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  endChildrenOnExit(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pidFile = path.join(dir, 'prometheus.pid');
  if (child.pid !== undefined) await writeFile(pidFile, String(child.pid));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running: RunningPrometheus = {
    url,
    log: () => lines.join('\n'),
    close: () => stop(child, exited, pidFile),
  };
  try {
    await waitReady(url, child, exited, () => lines);
  } catch (error) {
    await running.close();
    // The line that says why (e.g. `err="listen tcp 127.0.0.1:9091: bind: address already in use"`).
    const reason = [...lines].reverse().find((line) => /level=(error|fatal)|err=/.test(line));
    throw new Error(`${(error as Error).message}${reason ? ` ${reason}` : ''}\n${running.log()}`, {
      cause: error,
    });
  }
  return running;
}

async function waitReady(
  url: string,
  child: ChildProcess,
  exited: Promise<void>,
  log: () => readonly string[],
): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`Prometheus (${url}) exited at start with code ${child.exitCode}.`);
    // A taken port is logged, but the process lingers: fail at once rather than after a minute.
    if (log().some((line) => /level=error msg="Unable to start web listener"/.test(line))) {
      throw new Error(`Prometheus (${url}) could not listen.`);
    }
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Prometheus (${url}) was not ready within a minute.`);
}

async function stop(child: ChildProcess, exited: Promise<void>, pidFile: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  }
  await rm(pidFile, { force: true });
}

/** Ends a Prometheus a killed stack left running on `dir` (its pid file, its command line). */
async function endLeftover(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'prometheus.pid');
  const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return;
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!commandLine.includes('prometheus') || !commandLine.includes(dir)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, 'SIGKILL');
}
