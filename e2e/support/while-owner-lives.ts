/**
 * Runs a command that does not watch for its parent (the SWA CLI emulator) and ends it when
 * Playwright is gone (local-stack/process/owner-watch.ts), so a killed test run leaves nothing
 * on the fixed ports.
 *
 *   tsx e2e/support/while-owner-lives.ts <shell command>
 *
 * The command stays in this process group, so Playwright's own teardown (SIGKILL to the group)
 * still ends all of it. When the owner goes, the whole group gets what Playwright would have
 * sent: SIGTERM, then SIGKILL after a grace period.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { watchOwner } from '../../local-stack/process/owner-watch.ts';

const command = process.argv.slice(2).join(' ');
if (!command) {
  console.error('Usage: tsx e2e/support/while-owner-lives.ts <shell command>');
  process.exit(2);
}

const child = spawn(command, { shell: true, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal));
}

/** This process's group (field 5 of /proc/self/stat); null where /proc is absent. */
function processGroup(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    return Number.isInteger(group) && group > 1 ? group : null;
  } catch {
    return null;
  }
}

watchOwner({
  onGone: (reason) => {
    console.error(`Stopping "${command}": ${reason}.`);
    const group = processGroup();
    // Our own SIGTERM handler forwards to the child; the group signal reaches its descendants.
    const signalAll = (signal: NodeJS.Signals) => {
      try {
        if (group) process.kill(-group, signal);
        else child.kill(signal);
      } catch {
        child.kill(signal);
      }
    };
    signalAll('SIGTERM');
    setTimeout(() => signalAll('SIGKILL'), 10_000).unref();
  },
});
