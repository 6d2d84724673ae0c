/**
 * Who may use a service's `/__admin` test controls. Being on loopback is not enough: any website
 * the developer visits can make the browser send a `text/plain` POST to localhost. So each start
 * of a service draws a random token, and an admin request must carry it in a custom header. A
 * custom header cannot be sent cross-origin without a CORS preflight, and `/__admin` answers no
 * preflight and sends no `Access-Control-Allow-Origin`, so web pages can neither call it nor
 * read its answers.
 *
 * The process that starts the stack hands the token to its tests: `local-stack/start.ts` takes it
 * from `QUARRY_ADMIN_TOKEN` when set (Playwright's config sets it for the stack it starts) and
 * writes it to `.local-stack/admin-token` (owner-only) for a stack started by hand; in-process
 * test fixtures read `adminToken` from the running service.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const ADMIN_TOKEN_HEADER = 'x-quarry-admin-token';
export const ADMIN_TOKEN_FILE = '.local-stack/admin-token';

export function createAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token a service starts with: the caller's, else one drawn for this start. */
export function resolveAdminToken(explicit: string | undefined): string {
  return explicit && explicit.length >= 16 ? explicit : createAdminToken();
}

/** Null when the request carries the token; otherwise why it is refused. */
export function adminRefusal(headers: IncomingHttpHeaders, token: string): string | null {
  const sent = headers[ADMIN_TOKEN_HEADER];
  if (typeof sent !== 'string' || sent === '') {
    return `/__admin needs the ${ADMIN_TOKEN_HEADER} header with the token of this start (in ${ADMIN_TOKEN_FILE}, or QUARRY_ADMIN_TOKEN).`;
  }
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return `The ${ADMIN_TOKEN_HEADER} header does not hold the token of this start; restarted stacks draw a new one.`;
  }
  return null;
}
