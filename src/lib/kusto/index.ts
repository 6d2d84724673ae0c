export {
  runKustoQuery,
  type KustoQueryCallbacks,
  type KustoQueryDeps,
  type KustoQueryHandle,
  type KustoQueryOutcome,
  type KustoQueryRequest,
  type QueryPhase,
  type QueryTiming,
} from './kusto-client';
export {
  MAX_RETRIES,
  MAX_RETRY_WAIT_MS,
  QUARRY_CLIENT_VERSION,
  clientVersionHeader,
  isManagementCommand,
  kustoEndpoint,
  sendKustoRequest,
  stripLeadingComments,
  type KustoHttpDeps,
  type KustoHttpResult,
  type KustoPath,
  type KustoRequestBody,
  type KustoTarget,
  type RetryInfo,
} from './kusto-http';
export { KustoResponseFormatError } from '../query/response-format-error';
export {
  fetchDatabaseSchema,
  fetchDatabases,
  kustoEntityName,
  parseShowSchemaJson,
  runKustoCommand,
  type KustoColumnSchema,
  type KustoDatabaseInfo,
  type KustoDatabaseSchema,
  type KustoFunctionParameter,
  type KustoFunctionSchema,
  type KustoTableSchema,
} from './kusto-schema';
export { buildV1DataSet, parseV1Bytes } from './parse-v1-tables';
export {
  V2FrameParser,
  parseV2Bytes,
  type V2ParseEvents,
  type V2ParserOptions,
} from './parse-v2-frames';
export {
  QueryResultSession,
  type ResponseFormat,
  type RowsRequest,
  type RowsResult,
} from '../query/query-result-session';
export {
  PortResultEngine,
  createInProcessResultEngine,
  createWorkerResultEngine,
  defaultResultEngine,
  type EnginePort,
  type ResultEngine,
  type ResultSession,
  type SessionOutcome,
} from '../query/query-worker-client';
