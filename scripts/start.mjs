#!/usr/bin/env node
// `npm start`: install dependencies when they are missing or stale, then run the local stack
// (identity provider, stand-ins) and the console's dev server together.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const installedMarker = join(root, 'node_modules', '.package-lock.json');
const lockfile = join(root, 'package-lock.json');

const stale =
  !existsSync(installedMarker) ||
  (existsSync(lockfile) && statSync(lockfile).mtimeMs > statSync(installedMarker).mtimeMs);
if (stale) {
  console.log('Installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('npm ci failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

// The stack ends with this script however it goes (process/owner-watch.ts): it watches this pid.
const owners = [process.env.QUARRY_STACK_OWNER_PID, String(process.pid)].filter(Boolean).join(',');
const child = spawn(
  join(root, 'node_modules', '.bin', 'tsx'),
  ['local-stack/start.ts', '--console=dev', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, QUARRY_STACK_OWNER_PID: owners } },
);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
// npm killed outright sends nothing: a new parent pid says it is gone, and the stack goes too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child.kill('SIGTERM');
}, 1000).unref();
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
