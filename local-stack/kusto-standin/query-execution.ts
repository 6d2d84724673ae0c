/**
 * `/v2/rest/query` and `/v1/rest/query`: evaluate the query with the KQL engine and stream the
 * result in the wire shape real clusters use, with result-set limits, cancellation and abort.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CatalogDatabase, DatabaseCatalog } from './database-catalog.ts';
import { evaluateStreaming, KqlError } from './kql-engine-api.ts';
import type { StreamingEvaluation } from './kql-engine-api.ts';
import { JSON_CONTENT_TYPE, sendJson, sendText } from './kusto-exchange.ts';
import type { KustoExchange } from './kusto-exchange.ts';
import {
  badRequestBody,
  cancelledError,
  databaseNotFoundBody,
  forbiddenBody,
  kqlErrorBody,
  kustoTimestamp,
  limitsExceededError,
  limitsExceededMessage,
  v1ExceptionText,
} from './one-api-errors.ts';
import type { OneApiError } from './one-api-errors.ts';
import { canReadDatabase } from './principals.ts';
import type { Principal } from './principals.ts';
import {
  completionInformationColumns,
  completionInformationRows,
  extendedPropertiesColumns,
  extendedPropertiesRows,
  queryStatusColumns,
  queryStatusRows,
} from './query-status-tables.ts';
import type { QueryOutcome } from './query-status-tables.ts';
import { QueryMeter, type QueryMeasurement } from './query-measurement.ts';
import { shiftedError, withStoredFunctions } from './stored-functions.ts';
import { optionFlag, optionNumber, optionValue } from './query-request.ts';
import type { KustoRequest } from './query-request.ts';
import { ResponseSink } from './response-sink.ts';
import { LimitTracker, RowCursor } from './result-streaming.ts';
import type { ResultLimits, StopReason } from './result-streaming.ts';
import type { RunningQuery, StandInControls } from './standin-controls.ts';
import { V1ResponseWriter } from './v1-response-writer.ts';
import { V2FrameWriter } from './v2-frame-writer.ts';
import type { ErrorPlacement, V2Layout } from './v2-frame-writer.ts';

export const DEFAULT_MAX_RECORDS = 500_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface QueryServices {
  catalog: DatabaseCatalog;
  controls: StandInControls;
}

/** Resolves the request's database and checks the caller may read it; answers the error if not. */
export function authorizeDatabase(
  exchange: KustoExchange,
  services: QueryServices,
  name: string,
  query: string,
): CatalogDatabase | null {
  const principal = exchange.principal as Principal;
  const db = services.catalog.get(name);
  if (!db) {
    sendJson(exchange, 400, databaseNotFoundBody(name, exchange.ids, query));
    return null;
  }
  if (!canReadDatabase(principal, db.name)) {
    sendJson(exchange, 403, forbiddenBody(principal.fqn, db.name, exchange.ids));
    return null;
  }
  return db;
}

export async function executeQuery(
  version: 'v1' | 'v2',
  exchange: KustoExchange,
  services: QueryServices,
  kustoRequest: KustoRequest,
): Promise<void> {
  const { csl, properties } = kustoRequest;
  if (csl.trimStart().startsWith('.')) {
    if (version === 'v2') {
      // Real clusters answer this one in plain text (azure-kusto-go testdata/error.txt).
      sendText(
        exchange,
        400,
        "Bad request: Control commands (starting with a dot '.') do not support api_version=v2\r\n" +
          `Error details:\r\nClientRequestId='${exchange.ids.clientRequestId}', ActivityId='${exchange.ids.activityId}', ` +
          `Timestamp='${kustoTimestamp(new Date())}'`,
      );
    } else {
      sendJson(
        exchange,
        400,
        badRequestBody(
          "Control commands (starting with a dot '.') cannot be served from the query endpoint unless they are .show control commands. Send them to /v1/rest/mgmt.",
          exchange.ids,
          { query: csl, database: kustoRequest.db },
        ),
      );
    }
    return;
  }
  const db = authorizeDatabase(exchange, services, kustoRequest.db, csl);
  if (!db) return;

  const running: RunningQuery = {
    clientRequestId: exchange.ids.clientRequestId,
    text: csl,
    database: db.name,
    user: exchange.principal?.displayName ?? '',
    startedOn: new Date(),
    cancelReason: null,
    sentRows: 0,
  };
  const unregister = services.controls.register(running);
  const sink = new ResponseSink(exchange.response);
  try {
    const delayMs = services.controls.takeDelay();
    if (delayMs > 0) await waitUnlessCancelled(delayMs, running, sink);
    if (sink.aborted) return;
    if (running.cancelReason !== null) {
      await answerCancelledBeforeStart(version, exchange, sink, running.cancelReason);
      return;
    }

    const started = process.hrtime.bigint();
    const meter = new QueryMeter();
    const withFunctions = withStoredFunctions(csl, db.functions);
    let result: StreamingEvaluation;
    let cursors: RowCursor[];
    try {
      const now = optionValue(properties.Options, 'query_now');
      result = evaluateStreaming(
        withFunctions.csl,
        db.prepared,
        typeof now === 'string' ? { now: new Date(now) } : undefined,
      );
      // The first batch of each table is computed before the status line: a query that fails at
      // once still gets its 400. Later failures are reported in the response, as Kusto does.
      cursors = result.tables.map(
        (table) => new RowCursor(version === 'v2' ? table.jsonBatches() : table.batches()),
      );
      for (const cursor of cursors) {
        cursor.hasMore();
        if (cursor.failure !== undefined) throw cursor.failure;
      }
    } catch (error) {
      if (error instanceof KqlError) {
        const shifted = shiftedError(error, withFunctions.prefixLength);
        sendJson(exchange, 400, kqlErrorBody(shifted, csl, db.name, exchange.ids));
      } else {
        console.error('Kusto stand-in: the engine failed on a query:', error);
        const body = badRequestBody(
          `Internal error of the local KQL engine: ${String(error)}`,
          exchange.ids,
          {
            query: csl,
            database: db.name,
          },
        );
        body.error.code = 'Internal_Error';
        sendJson(exchange, 500, body);
      }
      return;
    }

    meter.sample();
    const limits = resultLimits(properties.Options, result.setOptions);
    exchange.response.writeHead(200, { 'Content-Type': JSON_CONTENT_TYPE });
    const stream = version === 'v2' ? streamV2 : streamV1;
    try {
      await stream(result, {
        exchange,
        sink,
        running,
        limits,
        started,
        options: properties.Options,
        cursors,
        database: db.name,
        query: csl,
        measure: (resultBytes) =>
          meter.finish({
            database: db.name,
            scanned: result.scannedTables ?? [],
            weights: db.weights,
            cache: services.controls.cache,
            resultBytes,
          }),
      });
    } finally {
      for (const cursor of cursors) cursor.close();
    }
    sink.end();
  } finally {
    unregister();
  }
}

function waitUnlessCancelled(ms: number, running: RunningQuery, sink: ResponseSink): Promise<void> {
  const controller = new AbortController();
  running.onCancel = () => controller.abort();
  const poll = setInterval(() => {
    if (sink.aborted) controller.abort();
  }, 20);
  return sleep(ms, undefined, { signal: controller.signal })
    .catch(() => undefined)
    .finally(() => {
      clearInterval(poll);
      running.onCancel = undefined;
    });
}

async function answerCancelledBeforeStart(
  version: 'v1' | 'v2',
  exchange: KustoExchange,
  sink: ResponseSink,
  reason: string,
): Promise<void> {
  const error = cancelledError(reason, exchange.ids);
  exchange.response.writeHead(200, { 'Content-Type': JSON_CONTENT_TYPE });
  if (version === 'v2') {
    const writer = new V2FrameWriter(sink);
    await writer.header({
      progressive: false,
      fragmented: false,
      placement: 'InData',
      fragmentRows: 0,
    });
    await writer.completion({ hasErrors: true, cancelled: true, errors: [error] });
  } else {
    const writer = new V1ResponseWriter(sink);
    await writer.end([v1ExceptionText(error)]);
  }
  sink.end();
}

/**
 * Truncation: 500,000 records / 64 MB by default; `notruncation` lifts both unless
 * `truncationmaxrecords` / `query_take_max_records` / `truncationmaxsize` are given (lowest wins).
 * The byte count is the JSON size of the rows sent.
 */
export function resultLimits(
  options: Record<string, unknown>,
  setOptions: Record<string, string | boolean | number>,
): ResultLimits {
  const setAsOptions = setOptions as Record<string, unknown>;
  const number = (name: string): number | undefined =>
    optionNumber(options, name) ?? optionNumber(setAsOptions, name);
  const flag = (name: string): boolean =>
    optionFlag(options, name) || optionFlag(setAsOptions, name);
  const recordLimits = [number('truncationmaxrecords'), number('query_take_max_records')].filter(
    (n): n is number => n !== undefined && n >= 0,
  );
  const sizeLimit = number('truncationmaxsize');
  const noTruncation = flag('notruncation') && recordLimits.length === 0 && sizeLimit === undefined;
  return {
    maxRecords:
      recordLimits.length > 0
        ? Math.min(...recordLimits)
        : noTruncation
          ? Infinity
          : DEFAULT_MAX_RECORDS,
    maxBytes: sizeLimit ?? (noTruncation ? Infinity : DEFAULT_MAX_BYTES),
  };
}

function v2Layout(options: Record<string, unknown>): V2Layout {
  const placementOption = String(
    optionValue(options, 'results_error_reporting_placement') ?? '',
  ).toLowerCase();
  const placement: ErrorPlacement =
    placementOption === 'end_of_table'
      ? 'EndOfTable'
      : placementOption === 'end_of_dataset'
        ? 'EndOfDataSet'
        : 'InData';
  const rows = optionNumber(options, 'query_results_progressive_row_count');
  return {
    progressive: optionFlag(options, 'results_progressive_enabled'),
    fragmented: optionFlag(options, 'results_v2_fragment_primary_tables'),
    placement,
    fragmentRows: rows !== undefined && rows > 0 ? Math.floor(rows) : 10_000,
  };
}

interface StreamContext {
  exchange: KustoExchange;
  sink: ResponseSink;
  running: RunningQuery;
  limits: ResultLimits;
  started: bigint;
  options: Record<string, unknown>;
  /** One per result table, in order. */
  cursors: RowCursor[];
  database: string;
  query: string;
  /** The query's CPU, memory, scan and cache figures, once its result is written. */
  measure?: (resultBytes: number) => QueryMeasurement;
}

/** Writes the primaries through `writeTable` and works out what to report about them. */
async function streamPrimaries(
  result: StreamingEvaluation,
  context: StreamContext,
  writeTable: (
    index: number,
    tracker: LimitTracker,
    partial: () => OneApiError,
  ) => Promise<{ rowCount: number; stop: StopReason }>,
): Promise<{ outcome: QueryOutcome; stop: StopReason; errors: OneApiError[] }> {
  const tracker = new LimitTracker(context.limits);
  let partial: OneApiError | null = null;
  const failure = (): unknown => context.cursors.find((c) => c.failure !== undefined)?.failure;
  const failureError = (): OneApiError => {
    const error = failure();
    return error instanceof KqlError
      ? kqlErrorBody(error, context.query, context.database, context.exchange.ids)
      : badRequestBody(
          `Internal error of the local KQL engine: ${String(error)}`,
          context.exchange.ids,
          { query: context.query, database: context.database },
        );
  };
  const partialError = (): OneApiError => {
    partial ??=
      failure() !== undefined
        ? failureError()
        : limitsExceededError(
            tracker.hit ?? { kind: 'records', value: context.limits.maxRecords },
            context.exchange.ids,
          );
    return partial;
  };
  const tables: Array<{ rowCount: number; size: number }> = [];
  let stop: StopReason = null;
  for (let i = 0; i < result.tables.length && !stop; i++) {
    const bytesBefore = tracker.bytes;
    const outcome = await writeTable(i, tracker, partialError);
    tables.push({ rowCount: outcome.rowCount, size: tracker.bytes - bytesBefore });
    stop = outcome.stop;
  }
  const errors: OneApiError[] = [];
  let errorMessage: string | null = null;
  if (stop === 'error') {
    const error = partialError();
    errors.push(error);
    errorMessage = String(error.error['message']);
  } else if (stop === 'limit') {
    errors.push(partialError());
    errorMessage = limitsExceededMessage(
      tracker.hit ?? { kind: 'records', value: context.limits.maxRecords },
    );
  } else if (stop === 'cancel') {
    const error = cancelledError(context.running.cancelReason ?? '', context.exchange.ids);
    errors.push(error);
    errorMessage = String(error.error['@message']);
  }
  const outcome: QueryOutcome = {
    executionSeconds: Number(process.hrtime.bigint() - context.started) / 1e9,
    tables,
    inputRows: context.cursors.reduce((n, c) => n + c.pulled, 0),
    errorMessage,
    ...(context.measure ? { measurement: context.measure(tracker.bytes) } : {}),
    ...(stop === 'cancel'
      ? { errorStatusCode: -2133196794, errorStatusName: 'E_QUERY_CANCELLED (0x80DA0006)' }
      : {}),
  };
  return { outcome, stop, errors };
}

async function streamV2(result: StreamingEvaluation, context: StreamContext): Promise<void> {
  const { sink, running } = context;
  const layout = v2Layout(context.options);
  const writer = new V2FrameWriter(sink);
  await writer.header(layout);
  await writer.dataTable(
    0,
    'QueryProperties',
    '@ExtendedProperties',
    extendedPropertiesColumns,
    extendedPropertiesRows(
      result.tables.map((t, i) => ({ tableId: i + 1, visualization: t.visualization })),
    ),
  );
  const { outcome, stop, errors } = await streamPrimaries(result, context, (i, tracker, partial) =>
    writer.primaryTable(
      i + 1,
      result.tables[i]!,
      context.cursors[i]!,
      layout,
      {
        sink,
        limits: tracker,
        isCancelled: () => running.cancelReason !== null,
        onRowsWritten: (n) => (running.sentRows += n),
      },
      partial,
    ),
  );
  if (stop === 'abort') return;
  const qciId = result.tables.length + 1;
  await writer.dataTable(
    qciId,
    'QueryCompletionInformation',
    'QueryCompletionInformation',
    completionInformationColumns,
    completionInformationRows(context.exchange.ids, outcome),
  );
  await writer.completion({ hasErrors: errors.length > 0, cancelled: stop === 'cancel', errors });
}

async function streamV1(result: StreamingEvaluation, context: StreamContext): Promise<void> {
  const { sink, running } = context;
  const writer = new V1ResponseWriter(sink);
  const { outcome, stop, errors } = await streamPrimaries(result, context, (i, tracker, partial) =>
    writer.table(
      `Table_${i}`,
      result.tables[i]!.columns,
      context.cursors[i]!,
      {
        limits: tracker,
        isCancelled: () => running.cancelReason !== null,
        onRowsWritten: (n) => (running.sentRows += n),
      },
      () => v1ExceptionText(partial()),
    ),
  );
  if (stop === 'abort') return;
  const n = result.tables.length;
  await writer.table(
    `Table_${n}`,
    [{ name: 'Value', type: 'string' }],
    result.tables.map((t) => [JSON.stringify(t.visualization)]),
    { limits: null, isCancelled: () => false },
  );
  await writer.table(
    `Table_${n + 1}`,
    queryStatusColumns,
    queryStatusRows(context.exchange.ids, outcome),
    {
      limits: null,
      isCancelled: () => false,
    },
  );
  const toc = [
    ...result.tables.map((t, i) => [i, 'QueryResult', t.name, crypto.randomUUID(), '']),
    [n, 'QueryProperties', '@ExtendedProperties', crypto.randomUUID(), ''],
    [n + 1, 'QueryStatus', 'QueryStatus', '00000000-0000-0000-0000-000000000000', ''],
  ];
  await writer.table(
    `Table_${n + 2}`,
    [
      { name: 'Ordinal', type: 'long' },
      { name: 'Kind', type: 'string' },
      { name: 'Name', type: 'string' },
      { name: 'Id', type: 'string' },
      { name: 'PrettyName', type: 'string' },
    ],
    toc,
    { limits: null, isCancelled: () => false },
  );
  await writer.end(errors.map(v1ExceptionText));
}
