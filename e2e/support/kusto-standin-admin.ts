import { ADMIN_TOKEN_HEADER } from '../../local-stack/admin/admin-access.ts';
import { runningAdminToken } from '../../local-stack/admin/admin-token-file.ts';
import { urls } from '../../local-stack/local-constants.ts';

export interface KustoRequestLog {
  time: string;
  method: string;
  path: string;
  db: string | null;
  csl: string | null;
  clientRequestId: string | null;
  user: string | null;
  status: number;
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${urls.kusto}${path}`, {
    method,
    headers: {
      [ADMIN_TOKEN_HEADER]: runningAdminToken(),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Test controls of the Kusto stand-in (loopback callers with this start's admin token). */
export const kustoStandIn = {
  reset: () => call<void>('POST', '/__admin/reset', {}),
  failNext: (failure: { status: 429 | 503; retryAfterSeconds?: number; times?: number }) =>
    call<void>('POST', '/__admin/fail-next', failure),
  delayNext: (ms: number) => call<void>('POST', '/__admin/delay-next', { ms }),
  /** The next query response is cut after `bytes` bytes of body (the connection dropped). */
  cutNext: (bytes: number) => call<void>('POST', '/__admin/cut-next', { bytes }),
  requests: async () =>
    (await call<{ requests: KustoRequestLog[] }>('GET', '/__admin/requests')).requests,
};
