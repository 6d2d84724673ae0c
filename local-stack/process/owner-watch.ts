/**
 * Makes a long-running local-stack process end when whoever started it is gone, so a killed
 * Playwright run or a killed `npm start` does not leave servers holding the stack's fixed ports.
 *
 * Linux's `prctl(PR_SET_PDEATHSIG)` is out of reach from Node without native code, and the
 * process that matters is often not the direct parent (Playwright runs `sh -c "npx tsx …"`:
 * npx and tsx sit between it and the stack). So a process watches, once a second:
 * - its parent: a changed `process.ppid` means the parent died and the process was re-parented;
 * - its owners: the pids in `QUARRY_STACK_OWNER_PID` (comma-separated), which the starter sets
 *   for its descendants (playwright.config.ts, scripts/start.mjs). On Linux a pid is compared
 *   with its start time in /proc, so a reused pid is not mistaken for the owner.
 * An owner already gone when the watch starts (a stale variable) is named on stderr and ignored.
 */
import { readFileSync } from 'node:fs';

export const OWNER_ENV = 'QUARRY_STACK_OWNER_PID';

export interface OwnerWatchOptions {
  /** Called once, with what went away. */
  onGone(reason: string): void;
  env?: NodeJS.ProcessEnv;
  intervalMs?: number;
}

interface Watched {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (start time in clock ticks); null where /proc is absent. */
  startTime: string | null;
}

function startTimeOf(pid: number): string | null | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      // No /proc at all (macOS): fall back to signal 0. A missing entry on Linux: gone.
      return readableProc() ? undefined : null;
    }
    return null;
  }
}

let procAvailable: boolean | undefined;
function readableProc(): boolean {
  if (procAvailable === undefined) {
    try {
      readFileSync('/proc/self/stat');
      procAvailable = true;
    } catch {
      procAvailable = false;
    }
  }
  return procAvailable;
}

function alive(watched: Watched): boolean {
  const startTime = startTimeOf(watched.pid);
  if (startTime === undefined) return false;
  if (watched.startTime !== null && startTime !== null) return startTime === watched.startTime;
  try {
    process.kill(watched.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner pids named in the environment (invalid entries are ignored). */
export function ownerPids(env: NodeJS.ProcessEnv = process.env): number[] {
  return (env[OWNER_ENV] ?? '')
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 1 && pid !== process.pid);
}

/** The variable for a child whose owners are ours plus `pid`. */
export function withOwner(pid: number, env: NodeJS.ProcessEnv = process.env): string {
  return [...new Set([...ownerPids(env), pid])].join(',');
}

/** Starts watching; returns a function that stops it. The timer never keeps the process alive. */
export function watchOwner(options: OwnerWatchOptions): () => void {
  const parent = process.ppid;
  const owners: Watched[] = [];
  for (const pid of ownerPids(options.env)) {
    const startTime = startTimeOf(pid);
    const watched = { pid, startTime: startTime ?? null };
    if (startTime === undefined || !alive(watched)) {
      console.error(`${OWNER_ENV} names process ${pid}, which is not running: not watching it.`);
      continue;
    }
    owners.push(watched);
  }
  let done = false;
  const timer = setInterval(() => {
    if (done) return;
    let reason: string | null = null;
    if (process.ppid !== parent) reason = `its parent process (${parent}) ended`;
    const gone = owners.find((owner) => !alive(owner));
    if (!reason && gone) reason = `the process that started it (${gone.pid}) ended`;
    if (reason) {
      done = true;
      clearInterval(timer);
      options.onGone(reason);
    }
  }, options.intervalMs ?? 1000);
  timer.unref();
  return () => {
    done = true;
    clearInterval(timer);
  };
}
