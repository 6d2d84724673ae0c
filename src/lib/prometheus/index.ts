export {
  PROMETHEUS_READER_ROLE,
  parseErrorPosition,
  parsePrometheusErrorBody,
  queryErrorFromPrometheusHttp,
  type PrometheusAuth,
} from './classify-prometheus-error';
export {
  queryForm,
  runPrometheusQuery,
  type PrometheusEvaluation,
  type PrometheusQueryRequest,
} from './prometheus-client';
export { prometheusUrl, sendPrometheusRequest, type PrometheusTarget } from './prometheus-http';
export {
  fetchLabelNames,
  fetchLabelValues,
  fetchMetricNames,
  type MetadataWindow,
} from './prometheus-metadata';
export {
  promqlAggregations,
  promqlCompletionContext,
  promqlDiagnostics,
  promqlFunctions,
  promqlKeywords,
  type PromqlCompletionContext,
  type PromqlDiagnostic,
} from './promql-syntax';
export {
  autoStepSeconds,
  describeStepProblem,
  formatStep,
  MAX_POINTS_PER_SERIES,
  parseStep,
} from './query-step';
