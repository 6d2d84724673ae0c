/** The one place the stand-in imports the KQL engine from. */
export { evaluate, KqlError, prepareDatabase } from '../kql-engine/index.ts';
export type {
  ColumnSchema,
  DatabaseInput,
  EvaluateOptions,
  EvaluationResult,
  KustoScalarType,
  PreparedDatabase,
  ResultTable,
  TableInput,
  VisualizationProperties,
  WireValue,
} from '../kql-engine/index.ts';
