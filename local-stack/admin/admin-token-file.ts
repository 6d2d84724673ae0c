/**
 * How the token of a running stack reaches the tests that drive it (admin/admin-access.ts).
 * The process that starts the stack takes `QUARRY_ADMIN_TOKEN` when its parent set one, else
 * draws one, and leaves it in `.local-stack/admin-token`, readable by the owner only; e2e
 * helpers read the variable, else that file.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN_FILE, resolveAdminToken } from './admin-access.ts';

const tokenPath = fileURLToPath(new URL(`../../${ADMIN_TOKEN_FILE}`, import.meta.url));

/** For the process starting the stack: the token of this start, written for the tests. */
export function startAdminToken(): string {
  const token = resolveAdminToken(process.env.QUARRY_ADMIN_TOKEN);
  mkdirSync(path.dirname(tokenPath), { recursive: true });
  writeFileSync(tokenPath, token, { mode: 0o600 });
  chmodSync(tokenPath, 0o600);
  return token;
}

/** For tests driving a running stack. */
export function runningAdminToken(): string {
  const fromParent = process.env.QUARRY_ADMIN_TOKEN;
  if (fromParent) return fromParent;
  try {
    return readFileSync(tokenPath, 'utf8').trim();
  } catch {
    throw new Error(
      `No admin token: set QUARRY_ADMIN_TOKEN or start the stack (it writes ${ADMIN_TOKEN_FILE}).`,
    );
  }
}
