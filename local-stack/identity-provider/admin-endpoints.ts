/**
 * `/__admin/*`: JSON test controls, for loopback callers that send the per-start token in the
 * x-quarry-admin-token header (admin/admin-access.ts). No CORS: web pages cannot call them.
 *
 *   POST /__admin/settings              { accessTokenLifetimeSeconds?, refreshTokenLifetimeSeconds? }
 *   GET  /__admin/settings
 *   POST /__admin/revoke-refresh-tokens { username }
 *   POST /__admin/end-sessions          { username? }
 *   POST /__admin/fail-authorize        { error, code, description?, times?, interactiveOnly? }  (times: null or
 *                                        absent = until reset, 0 = stop failing)
 *   GET  /__admin/requests
 *   POST /__admin/reset
 */
import { z } from 'zod';
import { adminRefusal } from '../admin/admin-access.ts';
import { demoUsers } from '../local-constants.ts';
import { sameUsername } from './grant-store.ts';
import { isLoopbackAddress, readJsonBody, sendJson } from './http-exchange.ts';
import type { IdentityProviderContext } from './identity-provider-context.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';

const positiveSeconds = z.number().int().positive();
const settingsBody = z
  .object({
    accessTokenLifetimeSeconds: positiveSeconds.optional(),
    refreshTokenLifetimeSeconds: positiveSeconds.optional(),
  })
  .strict();
const usernameBody = z.object({ username: z.string().min(1) }).strict();
const endSessionsBody = z.object({ username: z.string().min(1).optional() }).strict();
const failAuthorizeBody = z
  .object({
    error: z.string().min(1),
    code: z.number().int().nonnegative(),
    description: z.string().optional(),
    times: z.number().int().nonnegative().nullable().optional(),
    interactiveOnly: z.boolean().optional(),
  })
  .strict();

function knownUser(username: string): boolean {
  return demoUsers.some((user) => sameUsername(user.username, username));
}

async function parseBody<T>(request: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw new AdminRequestError(400, z.prettifyError(parsed.error));
  return parsed.data;
}

class AdminRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function handleAdmin(
  context: IdentityProviderContext,
  request: IncomingMessage,
  response: ServerResponse,
  action: string,
): Promise<void> {
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    sendJson(response, 403, { error: 'The test controls answer loopback callers only.' });
    return;
  }
  const refusal = adminRefusal(request.headers, context.adminToken);
  if (refusal) {
    sendJson(response, 403, { error: refusal });
    return;
  }
  const route = `${request.method ?? 'GET'} ${action}`;
  const { controls, store } = context;
  try {
    switch (route) {
      case 'GET settings':
        return sendJson(response, 200, controls.lifetimes);
      case 'POST settings': {
        const change = await parseBody(request, settingsBody);
        return sendJson(response, 200, controls.updateLifetimes(change));
      }
      case 'POST revoke-refresh-tokens': {
        const { username } = await parseBody(request, usernameBody);
        if (!knownUser(username)) throw new AdminRequestError(404, `Unknown user '${username}'.`);
        return sendJson(response, 200, { revoked: store.revokeRefreshTokens(username) });
      }
      case 'POST end-sessions': {
        const { username } = await parseBody(request, endSessionsBody);
        return sendJson(response, 200, { ended: store.endSessions(username) });
      }
      case 'POST fail-authorize': {
        const body = await parseBody(request, failAuthorizeBody);
        controls.failAuthorize({
          error: body.error,
          code: body.code,
          description: body.description,
          remaining: body.times ?? null,
          interactiveOnly: body.interactiveOnly,
        });
        return sendJson(response, 200, { failing: controls.currentAuthorizeFailure() ?? null });
      }
      case 'GET requests':
        return sendJson(response, 200, controls.requests());
      case 'POST reset':
        await readJsonBody(request);
        controls.reset();
        store.endSessions();
        return sendJson(response, 200, { settings: controls.lifetimes });
      default:
        throw new AdminRequestError(404, `No test control '${route}'.`);
    }
  } catch (error) {
    if (!(error instanceof AdminRequestError)) throw error;
    sendJson(response, error.status, { error: error.message });
  }
}
