export { runAppInsightsQuery, type AppInsightsQueryRequest } from './appinsights-client';
export {
  appInsightsUrl,
  sendAppInsightsRequest,
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
