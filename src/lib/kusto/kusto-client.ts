import { hostOf, type QueryError } from '../query-errors';
import type { TrustedHostPolicy } from '../trusted-hosts';
import type { TokenFunction } from '../auth/token-function';
import { defaultSleep, type HttpDeps } from '../query/http-request';
import { outcomeFromSettled } from '../query/settled-outcome';
import {
  queryRequestId,
  requestPhases,
  resultRequestDeps,
  sourceRunOptions,
  startQueryRun,
  type QueryCallbacks,
  type QueryDeps,
  type QueryHandle,
} from '../query/query-run';
import {
  isManagementCommand,
  sendKustoRequest,
  stripLeadingComments,
  type KustoRequestBody,
} from './kusto-http';

export interface KustoQueryRequest {
  clusterUrl: string;
  database: string;
  text: string;
  getToken: TokenFunction;
  signal: AbortSignal;
  /** Default `Quarry.Query;<uuid>`. */
  requestId?: string;
  properties?: {
    servertimeout?: string;
    notruncation?: boolean;
    truncationmaxrecords?: number;
    /** Sent as `results_progressive_enabled`. */
    progressive?: boolean;
    [option: string]: unknown;
  };
  /** Values for `declare query_parameters(...)`. */
  parameters?: Record<string, unknown>;
  trustedHosts: TrustedHostPolicy;
}

export interface KustoQueryCallbacks extends QueryCallbacks {
  /** Outcome of the best-effort `.cancel query` sent after an abort. */
  onCancelRequest?: (result: { ok: true } | { ok: false; error: QueryError }) => void;
}

function requestBody(request: KustoQueryRequest, command: boolean): KustoRequestBody {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request.properties ?? {})) {
    if (value === undefined) continue;
    options[key === 'progressive' ? 'results_progressive_enabled' : key] = value;
  }
  const properties: KustoRequestBody['properties'] = {};
  if (Object.keys(options).length > 0) properties.Options = options;
  if (!command && request.parameters && Object.keys(request.parameters).length > 0) {
    properties.Parameters = request.parameters;
  }
  return {
    db: request.database,
    // Commands are parsed strictly by the service: send them without the leading comments.
    csl: command ? stripLeadingComments(request.text) : request.text,
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

/** Kusto string literal for `.cancel query "<id>"`. */
function kustoString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Runs a query (POST /v2/rest/query) or a management command (text starting with `.`, POST
 * /v1/rest/mgmt). The body streams into the result engine (a Web Worker in the browser); the
 * handle gives summaries while loading, row blocks on demand, and one outcome.
 */
export function runKustoQuery(
  request: KustoQueryRequest,
  callbacks: KustoQueryCallbacks,
  deps: QueryDeps,
): QueryHandle {
  const uuid = deps.randomUUID ?? (() => crypto.randomUUID());
  const requestId = queryRequestId(request.requestId, deps);
  const kind = isManagementCommand(request.text) ? 'command' : 'query';

  const cancelOnServer = () => {
    if (kind !== 'query') return; // .cancel query applies to queries only
    void sendCancel(request, requestId, uuid, deps).then((result) =>
      callbacks.onCancelRequest?.(result),
    );
  };

  return startQueryRun({
    ...sourceRunOptions(requestId, request.signal, callbacks, deps),
    kind,
    host: hostOf(request.clusterUrl),
    database: request.database,
    run: async (scope) => {
      callbacks.onPhase?.('authorizing');
      const http = await sendKustoRequest({
        target: { ...request, signal: scope.signal },
        path: kind === 'command' ? '/v1/rest/mgmt' : '/v2/rest/query',
        body: requestBody(request, kind === 'command'),
        requestId,
        deps: resultRequestDeps(deps),
        ...requestPhases(callbacks),
      });
      if (!http.ok) {
        if (http.error.kind !== 'cancelled') return scope.failed(http.error);
        if (http.sent) cancelOnServer();
        return scope.cancelled(http.error);
      }
      scope.responded(http.activityId);
      const received = await scope.receive(
        kind === 'command' ? 'v1' : 'v2',
        http.response.body,
        cancelOnServer,
      );
      if ('outcome' in received) return received.outcome;
      return outcomeFromSettled(received.settled, scope.context(), scope.base(), 'the cluster');
    },
  });
}

/** Best effort: ask the cluster to stop a query whose request was already sent. */
async function sendCancel(
  request: KustoQueryRequest,
  requestId: string,
  uuid: () => string,
  deps: HttpDeps,
): Promise<{ ok: true } | { ok: false; error: QueryError }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  try {
    const result = await sendKustoRequest({
      target: { ...request, signal: controller.signal },
      path: '/v1/rest/mgmt',
      body: {
        db: request.database,
        csl: `.cancel query ${kustoString(requestId)} with (reason="Cancelled in Quarry")`,
      },
      requestId: `Quarry.Cancel;${uuid()}`,
      deps: { ...deps, sleep: deps.sleep ?? defaultSleep },
    });
    if (!result.ok) return { ok: false, error: result.error };
    await result.response.body?.cancel().catch(() => undefined);
    return { ok: true };
  } finally {
    clearTimeout(timer);
  }
}
