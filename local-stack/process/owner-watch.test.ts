/**
 * A process watching its owner ends when the owner is killed outright (SIGKILL: no signal reaches
 * the watcher), whether the owner is its parent or an ancestor named in QUARRY_STACK_OWNER_PID.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerPids, withOwner } from './owner-watch.ts';

const watcher = `
  import { watchOwner } from ${JSON.stringify(path.join(import.meta.dirname, 'owner-watch.ts'))};
  watchOwner({ intervalMs: 100, onGone: (reason) => { console.log('gone: ' + reason); process.exit(0); } });
  console.log('watching ' + process.pid);
  setInterval(() => {}, 60_000);
`;

/** Starts `sh -c` that runs the watcher in the background, prints its pid, then waits. */
function startUnderShell(env: NodeJS.ProcessEnv) {
  const shell = spawn(
    'sh',
    ['-c', `"${process.execPath}" --import tsx --input-type=module -e "$WATCHER" & wait`],
    { env: { ...process.env, ...env, WATCHER: watcher }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  shell.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { shell, output: () => output };
}

async function waitFor(condition: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('watchOwner', () => {
  it('ends the process when its parent is SIGKILLed', async () => {
    const { shell, output } = startUnderShell({ QUARRY_STACK_OWNER_PID: '' });
    await waitFor(() => /watching \d+/.test(output()));
    const pid = Number(/watching (\d+)/.exec(output())![1]);
    shell.kill('SIGKILL');
    await waitFor(() => !running(pid));
  });

  it('ends the process when an owner further up is SIGKILLed', async () => {
    const owner = spawn('sleep', ['60']);
    const { shell, output } = startUnderShell({ QUARRY_STACK_OWNER_PID: String(owner.pid) });
    await waitFor(() => /watching \d+/.test(output()));
    const pid = Number(/watching (\d+)/.exec(output())![1]);
    owner.kill('SIGKILL');
    await waitFor(() =>
      output().includes(`gone: the process that started it (${owner.pid}) ended`),
    );
    await waitFor(() => !running(pid));
    shell.kill('SIGKILL');
  });

  it('reads and extends the owner list', () => {
    expect(ownerPids({ QUARRY_STACK_OWNER_PID: '12, x, 1, 34' })).toEqual([12, 34]);
    expect(withOwner(56, { QUARRY_STACK_OWNER_PID: '12,56' })).toBe('12,56');
    expect(withOwner(56, {})).toBe('56');
  });
});
