/**
 * `GET|POST /v1/apps/{app}/query` and `/metadata`: injected failures, authentication, the app
 * (and extra `applications`) and read access, then the query itself with the `timespan` window.
 * Without a `timespan` nothing extra is restricted: the Log Analytics docs say so, the App
 * Insights query default is unconfirmed (its metrics API defaults to PT12H).
 */
import { evaluate, KqlError } from '../kql-engine/index.ts';
import type { TokenVerifier } from '../kusto-standin/token-verifier.ts';
import {
  applicationNotFound,
  badArgument,
  injectedFailure,
  insufficientAccess,
  queryError,
  type ApiError,
} from './api-errors.ts';
import { authenticateQueryCaller } from './caller-authentication.ts';
import {
  canRead,
  findApplication,
  type AppInsightsApplication,
  type Caller,
} from './demo-applications.ts';
import { BodyError, header, readBody, sendJson, type Exchange } from './http-exchange.ts';
import { metadataBody } from './metadata-endpoint.ts';
import {
  intersectWindows,
  parseTimespan,
  TimespanError,
  type TimeWindow,
} from './query-timespan.ts';
import { parsePrefer, querySuccessBody } from './query-response.ts';
import type { StandInControls } from './standin-controls.ts';
import type { TelemetryStore } from './telemetry-store.ts';
import { TIME_COLUMN, telemetryTables } from './telemetry-schema.ts';

export interface QueryApiServices {
  store: TelemetryStore;
  controls: StandInControls;
  verifyToken: TokenVerifier;
  /** The stand-in's clock (frozen in tests). */
  now: () => Date;
}

const MAX_QUERY_BODY_BYTES = 4 * 1024 * 1024;
const timeColumnByTable = Object.fromEntries(telemetryTables.map((t) => [t.name, TIME_COLUMN]));

function sendError(exchange: Exchange, error: ApiError): void {
  sendJson(exchange, error.status, error.body, { headers: error.headers });
}

/** Resolves an app id and checks the caller may read it. */
function readableApp(
  exchange: Exchange,
  caller: Caller,
  appId: string,
): { ok: true; app: AppInsightsApplication } | { ok: false; error: ApiError } {
  const app = findApplication(appId);
  if (!app) return { ok: false, error: applicationNotFound(appId, exchange.correlationId) };
  if (!canRead(caller, app)) {
    return { ok: false, error: insufficientAccess(appId, caller.name, exchange.correlationId) };
  }
  return { ok: true, app };
}

export async function handleQueryApi(
  exchange: Exchange,
  services: QueryApiServices,
  appId: string,
  action: 'query' | 'metadata',
): Promise<void> {
  exchange.logged.appId = appId;
  const failure = services.controls.takeFailure();
  if (failure) {
    sendError(
      exchange,
      injectedFailure(failure.status, failure.retryAfterSeconds, exchange.correlationId),
    );
    return;
  }
  const authentication = await authenticateQueryCaller(exchange, services.verifyToken);
  if (!authentication.ok) {
    sendError(exchange, authentication.error);
    return;
  }
  const caller = authentication.caller;
  exchange.logged.caller = caller.name;
  const primary = readableApp(exchange, caller, appId);
  if (!primary.ok) {
    sendError(exchange, primary.error);
    return;
  }
  if (action === 'metadata') {
    sendJson(exchange, 200, metadataBody([primary.app]));
    return;
  }

  const parameters = await readQueryParameters(exchange, services.now());
  if (parameters === 'empty') {
    // Log Analytics answers a POST that is not JSON with an empty 200 (protocols.md §3.2).
    exchange.response.writeHead(200, { 'Content-Length': '0' });
    exchange.response.end();
    return;
  }
  if ('error' in parameters) {
    sendError(exchange, parameters.error);
    return;
  }
  exchange.logged.query = parameters.query;

  const apps = [primary.app];
  for (const extra of parameters.applications) {
    const resolved = readableApp(exchange, caller, extra);
    if (!resolved.ok) {
      sendError(exchange, resolved.error);
      return;
    }
    if (!apps.includes(resolved.app)) apps.push(resolved.app);
  }

  const db = services.store.database(apps);
  const started = performance.now();
  try {
    const result = evaluate(parameters.query, db, {
      now: services.now(),
      ...(parameters.window
        ? { timeWindow: { ...parameters.window, columnByTable: timeColumnByTable } }
        : {}),
    });
    const preferences = parsePrefer(exchange.request.headers.prefer);
    sendJson(exchange, 200, querySuccessBody(result, db, preferences, performance.now() - started));
  } catch (error) {
    if (error instanceof KqlError) {
      sendError(exchange, queryError(error, parameters.query, exchange.correlationId));
      return;
    }
    throw error;
  }
}

interface QueryParameters {
  query: string;
  window: TimeWindow | null;
  applications: string[];
}

/** GET: `query`, `timespan` in the URL. POST: a JSON body (`timespan` in the URL too is intersected). */
async function readQueryParameters(
  exchange: Exchange,
  now: Date,
): Promise<QueryParameters | { error: ApiError } | 'empty'> {
  const id = exchange.correlationId;
  const search = exchange.url.searchParams;
  let query = search.get('query');
  let bodyTimespan: string | null = null;
  let applications: string[] = [];
  if (exchange.method === 'POST') {
    let text: string;
    try {
      text = (await readBody(exchange, MAX_QUERY_BODY_BYTES)).toString('utf8');
    } catch (error) {
      if (error instanceof BodyError) return { error: badArgument(error.message, id) };
      throw error;
    }
    const contentType = (header(exchange, 'content-type') ?? '').toLowerCase();
    if (!contentType.startsWith('application/json') || text.trim() === '') return 'empty';
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { error: badArgument('The request body is not valid JSON.', id, 'InvalidJsonBody') };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return {
        error: badArgument('The request body must be a JSON object.', id, 'InvalidJsonBody'),
      };
    }
    const fields = body as Record<string, unknown>;
    if (fields.query !== undefined && typeof fields.query !== 'string') {
      return { error: badArgument("'query' must be a string.", id, 'QueryValidationError') };
    }
    if (typeof fields.query === 'string') query = fields.query;
    if (fields.timespan !== undefined && fields.timespan !== null) {
      if (typeof fields.timespan !== 'string') {
        return { error: badArgument("'timespan' must be a string.", id, 'InvalidTimespan') };
      }
      bodyTimespan = fields.timespan;
    }
    if (fields.applications !== undefined && fields.applications !== null) {
      if (
        !Array.isArray(fields.applications) ||
        fields.applications.some((a) => typeof a !== 'string')
      ) {
        return {
          error: badArgument(
            "'applications' must be an array of application ids.",
            id,
            'QueryValidationError',
          ),
        };
      }
      applications = fields.applications as string[];
    }
  } else {
    applications = search
      .getAll('applications')
      .flatMap((value) => value.split(','))
      .filter(Boolean);
  }
  if (!query || query.trim() === '') {
    return { error: badArgument("The 'query' parameter is required.", id, 'QueryValidationError') };
  }
  let window: TimeWindow | null;
  try {
    const urlTimespan = search.get('timespan');
    window = intersectWindows(
      urlTimespan ? parseTimespan(urlTimespan, now) : null,
      bodyTimespan ? parseTimespan(bodyTimespan, now) : null,
    );
  } catch (error) {
    if (error instanceof TimespanError)
      return { error: badArgument(error.message, id, 'InvalidTimespan') };
    throw error;
  }
  return { query, window, applications };
}
