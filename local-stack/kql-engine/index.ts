/** The KQL evaluation engine shared by the local Kusto and Application Insights stand-ins. */
export type {
  ColumnSchema,
  DatabaseInput,
  EvaluateOptions,
  EvaluationResult,
  KustoScalarType,
  PreparedDatabase,
  PreparedTableInfo,
  ResultTable,
  StreamingEvaluation,
  StreamingResultTable,
  TableInput,
  VisualizationProperties,
  WireValue,
} from './public-types';
export { KqlError, type KqlErrorKind } from './kql-error';
export { prepareDatabase } from './prepare-database';
export { evaluate, evaluateStreaming } from './evaluate-query';
