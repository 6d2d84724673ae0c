/**
 * Test controls for loopback callers with the per-start token (admin/admin-access.ts): `POST /__admin/fail-next` `{ status: 429|500|503,
 * retryAfterSeconds?, times? }` (the next query-API requests fail), `POST /__admin/reset` (drop
 * ingested telemetry, injected failures and the log), `GET /__admin/requests` (the request log).
 */
import { adminRefusal } from '../admin/admin-access.ts';
import { badArgument, pathNotFound } from './api-errors.ts';
import { isLoopback, readBody, sendJson, type Exchange } from './http-exchange.ts';
import type { StandInControls } from './standin-controls.ts';
import type { TelemetryStore } from './telemetry-store.ts';

export interface AdminServices {
  controls: StandInControls;
  store: TelemetryStore;
}

export async function handleAdmin(
  exchange: Exchange,
  services: AdminServices,
  action: string,
  adminToken: string,
): Promise<void> {
  if (!isLoopback(exchange.request)) {
    sendJson(exchange, 403, {
      error: { code: 'Forbidden', message: '/__admin is served to loopback callers only.' },
    });
    return;
  }
  const refusal = adminRefusal(exchange.request.headers, adminToken);
  if (refusal) {
    exchange.request.resume();
    sendJson(exchange, 403, { error: { code: 'Forbidden', message: refusal } });
    return;
  }
  const route = `${exchange.method} ${action}`;
  if (route === 'GET requests') {
    sendJson(exchange, 200, { requests: services.controls.log });
    return;
  }
  if (route === 'POST reset') {
    services.controls.reset();
    services.store.reset();
    sendJson(exchange, 200, { reset: true });
    return;
  }
  if (route === 'POST fail-next') {
    let body: unknown;
    try {
      body = JSON.parse((await readBody(exchange, 64 * 1024)).toString('utf8') || '{}');
    } catch {
      body = null;
    }
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    const status = fields.status ?? 429;
    const retryAfter = fields.retryAfterSeconds;
    const times = fields.times ?? 1;
    if (
      (status !== 429 && status !== 500 && status !== 503) ||
      (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0)) ||
      typeof times !== 'number' ||
      !Number.isInteger(times) ||
      times < 1
    ) {
      const message =
        'Expected { "status": 429 | 500 | 503, "retryAfterSeconds"?: number >= 0, "times"?: integer >= 1 }.';
      const error = badArgument(message, exchange.correlationId);
      sendJson(exchange, error.status, error.body);
      return;
    }
    services.controls.failNext({
      status,
      ...(typeof retryAfter === 'number' ? { retryAfterSeconds: retryAfter } : {}),
      times,
    });
    sendJson(exchange, 200, { status, retryAfterSeconds: retryAfter ?? null, times });
    return;
  }
  const error = pathNotFound(exchange.correlationId);
  sendJson(exchange, error.status, error.body);
}
