export {
  badResponseError,
  cancelledError,
  hostOf,
  interruptedError,
  networkError,
  parseRetryAfter,
  queryErrorFromHttp,
  queryErrorFromIssue,
  untrustedHostError,
  type HttpFailure,
} from './classify-kusto-error';
export { tokenError } from './token-error';
export {
  parseAppInsightsErrorBody,
  queryErrorFromAppInsightsHttp,
  type ParsedAppInsightsError,
} from './classify-appinsights-error';
export { kustoErrorCatalog, type CatalogEntry, type KustoCatalogKey } from './kusto-error-catalog';
export {
  parseKustoErrorBody,
  parseOneApiError,
  positionFrom,
  type ParsedKustoError,
} from './parse-kusto-error-body';
export {
  QueryFailure,
  isPartialResultError,
  isQueryFailure,
  type QueryError,
  type QueryErrorKind,
  type QueryPosition,
  type RequestContext,
} from './query-error';
