export {
  runAppInsightsQuery,
  type AppInsightsQueryCallbacks,
  type AppInsightsQueryDeps,
  type AppInsightsQueryRequest,
  type QueryHandle,
  type QueryOutcome,
} from './appinsights-client';
export {
  appInsightsUrl,
  sendAppInsightsRequest,
  type AppInsightsHttpResult,
  type AppInsightsTarget,
  type MonitorResourceKind,
} from './appinsights-http';
export { fetchAppInsightsSchema, metadataToShowSchemaJson } from './appinsights-schema';
export {
  buildAppInsightsDataSet,
  parseAppInsightsBytes,
  renderToVisualization,
  statsFromStatistics,
} from './parse-appinsights-response';
export {
  describeTimespan,
  timeRangePresets,
  toTimespan,
  type TimeRange,
  type TimeRangePreset,
} from './query-timespan';
