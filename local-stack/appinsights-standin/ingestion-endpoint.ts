/**
 * Telemetry ingestion, as the classic SDKs (applicationinsights 2.x) and the Breeze endpoint
 * speak it: `POST /v2.1/track` with an Entra token for https://monitor.azure.com, a body of
 * newline-delimited JSON envelopes (or a JSON array), optionally gzip. Answers
 * `{ itemsReceived, itemsAccepted, errors: [{ index, statusCode, message }] }`: 200 when all
 * were accepted, 206 when some were, else the items' common status. Both demo apps have local
 * authentication disabled, so `/v2/track` (instrumentation key only) gets
 * "400 Authentication not supported" (the wording of the Azure Monitor troubleshooting docs).
 */
import type { WireValue } from '../kql-engine/index.ts';
import type { TokenVerifier } from '../kusto-standin/token-verifier.ts';
import { authenticateIngestionCaller } from './caller-authentication.ts';
import { canPublish, type AppInsightsApplication } from './demo-applications.ts';
import { mapEnvelope } from './envelope-mapping.ts';
import { BodyError, readBody, sendJson, type Exchange } from './http-exchange.ts';
import type { TelemetryStore } from './telemetry-store.ts';
import type { TelemetryTableName } from './telemetry-schema.ts';

export interface IngestionServices {
  store: TelemetryStore;
  verifyToken: TokenVerifier;
}

interface ItemError {
  index: number;
  statusCode: number;
  message: string;
}

interface TrackResponse {
  itemsReceived: number;
  itemsAccepted: number;
  errors: ItemError[];
}

/** Breeze's limit on one request body (decompressed). */
const MAX_TRACK_BODY_BYTES = 64 * 1024 * 1024;

/** A JSON array, or one JSON value per line; an unparsable line is an item of its own. */
export function splitItems(text: string): Array<{ ok: true; value: unknown } | { ok: false }> {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map((value) => ({ ok: true as const, value }));
    } catch {
      // Not one array after all: read it line by line below.
    }
  }
  return trimmed
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return { ok: true as const, value: JSON.parse(line) as unknown };
      } catch {
        return { ok: false as const };
      }
    });
}

function rejectAll(count: number, statusCode: number, message: string): TrackResponse {
  return {
    itemsReceived: count,
    itemsAccepted: 0,
    errors: Array.from({ length: count }, (_, index) => ({ index, statusCode, message })),
  };
}

async function readItems(exchange: Exchange): Promise<ReturnType<typeof splitItems> | BodyError> {
  try {
    return splitItems((await readBody(exchange, MAX_TRACK_BODY_BYTES)).toString('utf8'));
  } catch (error) {
    if (error instanceof BodyError) return error;
    throw error;
  }
}

export async function handleTrack(
  exchange: Exchange,
  services: IngestionServices,
  version: 'v2' | 'v2.1',
): Promise<void> {
  const items = await readItems(exchange);
  if (items instanceof BodyError) {
    sendJson(exchange, items.status, rejectAll(0, items.status, items.message));
    return;
  }
  if (version === 'v2') {
    const message = 'Authentication not supported';
    sendJson(exchange, 400, rejectAll(items.length, 400, message), { statusMessage: message });
    return;
  }
  const authentication = await authenticateIngestionCaller(exchange, services.verifyToken);
  if (!authentication.ok) {
    sendJson(
      exchange,
      401,
      rejectAll(items.length, 401, `Authorization required: ${authentication.reason}`),
      {
        statusMessage: 'Authorization required',
      },
    );
    return;
  }
  const caller = authentication.caller;
  exchange.logged.caller = caller.name;

  const errors: ItemError[] = [];
  const accepted = new Map<AppInsightsApplication, Map<TelemetryTableName, WireValue[][]>>();
  items.forEach((item, index) => {
    if (!item.ok) {
      errors.push({ index, statusCode: 400, message: 'The item is not valid JSON.' });
      return;
    }
    const mapped = mapEnvelope(item.value);
    if (!mapped.ok) {
      errors.push({ index, statusCode: mapped.statusCode, message: mapped.message });
      return;
    }
    if (!canPublish(caller, mapped.app)) {
      errors.push({
        index,
        statusCode: 403,
        message: `Unauthorized: '${caller.name}' lacks the Monitoring Metrics Publisher role on ${mapped.app.resourceName}.`,
      });
      return;
    }
    const tables = accepted.get(mapped.app) ?? new Map<TelemetryTableName, WireValue[][]>();
    accepted.set(mapped.app, tables);
    const rows = tables.get(mapped.table) ?? [];
    tables.set(mapped.table, rows);
    rows.push(...mapped.rows);
  });
  for (const [app, tables] of accepted) {
    exchange.logged.appId ??= app.appId;
    for (const [table, rows] of tables) services.store.append(app, table, rows);
  }

  const body: TrackResponse = {
    itemsReceived: items.length,
    itemsAccepted: items.length - errors.length,
    errors,
  };
  const statuses = new Set(errors.map((error) => error.statusCode));
  const status =
    errors.length === 0
      ? 200
      : body.itemsAccepted > 0
        ? 206
        : statuses.size === 1
          ? errors[0]!.statusCode
          : 400;
  sendJson(exchange, status, body, status === 403 ? { statusMessage: 'Unauthorized' } : {});
}
