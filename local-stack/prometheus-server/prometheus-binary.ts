/**
 * Where Debian's Prometheus is (`apt-get install prometheus`: /usr/bin/prometheus and promtool).
 * `QUARRY_PROMETHEUS_BIN` points at another prometheus binary (promtool beside it).
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface PrometheusBinaries {
  prometheus: string;
  promtool: string;
}

export const installCommand = 'sudo apt-get install -y prometheus';

export const installHint = `Prometheus is not installed, so the local Azure Monitor workspace has no data: run \`${installCommand}\` (Debian/Ubuntu) and start again.`;

/**
 * The one line `npm start` prints when there is no Prometheus to run (and the workspace's 503
 * says): what is missing, why it matters, and the command that installs it.
 */
export function missingPrometheusNotice(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.QUARRY_PROMETHEUS_BIN;
  if (!explicit) return installHint;
  return `Prometheus was not found at QUARRY_PROMETHEUS_BIN=${explicit} (an executable prometheus with promtool beside it), so the local Azure Monitor workspace has no data: fix or unset QUARRY_PROMETHEUS_BIN, or run \`${installCommand}\` (Debian/Ubuntu), and start again.`;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (executable(candidate)) return candidate;
  }
  return undefined;
}

export function findPrometheus(
  env: NodeJS.ProcessEnv = process.env,
): PrometheusBinaries | undefined {
  const explicit = env.QUARRY_PROMETHEUS_BIN;
  if (explicit) {
    const promtool = path.join(path.dirname(explicit), 'promtool');
    return executable(explicit) && executable(promtool)
      ? { prometheus: explicit, promtool }
      : undefined;
  }
  const prometheus = onPath('prometheus', env);
  const promtool = onPath('promtool', env);
  return prometheus && promtool ? { prometheus, promtool } : undefined;
}
