/** The one place the stand-in imports the KQL engine from. */
export { evaluate, evaluateStreaming, KqlError, prepareDatabase } from '../kql-engine/index.ts';
export type {
  ColumnSchema,
  DatabaseInput,
  EvaluateOptions,
  EvaluationResult,
  KustoScalarType,
  PreparedDatabase,
  ResultTable,
  StreamingEvaluation,
  StreamingResultTable,
  TableInput,
  VisualizationProperties,
  WireValue,
} from '../kql-engine/index.ts';
