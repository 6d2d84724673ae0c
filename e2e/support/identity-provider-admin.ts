import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { resolve } from 'node:path';
import { ADMIN_TOKEN_HEADER } from '../../local-stack/admin/admin-access.ts';
import { runningAdminToken } from '../../local-stack/admin/admin-token-file.ts';
import { certificateDir, urls } from '../../local-stack/local-constants.ts';

/** One logged request, as the identity provider's /__admin/requests reports it. */
export interface IdpRequestLog {
  at: string;
  endpoint: 'authorize' | 'token' | 'logout' | 'login';
  grantType?: string;
  prompt?: string;
  clientId?: string;
  username?: string;
  outcome: string;
}

function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const ca = readFileSync(resolve(certificateDir, 'cert.pem'));
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((fulfil, reject) => {
    const req = request(
      `${urls.identityProvider}${path}`,
      {
        method,
        ca,
        headers: {
          [ADMIN_TOKEN_HEADER]: runningAdminToken(),
          ...(payload
            ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 400) {
            reject(new Error(`${method} ${path} → ${res.statusCode}: ${text}`));
          } else {
            fulfil((text ? JSON.parse(text) : undefined) as T);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Test controls of the local identity provider (loopback callers with this start's admin token). */
export const identityProvider = {
  reset: () => call<void>('POST', '/__admin/reset', {}),
  settings: (settings: {
    accessTokenLifetimeSeconds?: number;
    refreshTokenLifetimeSeconds?: number;
  }) => call<void>('POST', '/__admin/settings', settings),
  revokeRefreshTokens: (username: string) =>
    call<void>('POST', '/__admin/revoke-refresh-tokens', { username }),
  endSessions: (username?: string) => call<void>('POST', '/__admin/end-sessions', { username }),
  failAuthorize: (failure: {
    error: string;
    code: number;
    description?: string;
    times?: number | null;
    interactiveOnly?: boolean;
  }) => call<void>('POST', '/__admin/fail-authorize', failure),
  requests: () => call<IdpRequestLog[]>('GET', '/__admin/requests'),
};
