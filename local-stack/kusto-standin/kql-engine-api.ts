/**
 * The one place the stand-in imports the KQL engine from (local-stack/kql-engine once it lands;
 * a minimal stub of the same API until then).
 */
export { evaluate, KqlError, prepareDatabase } from './kql-engine-stub.ts';
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
} from './kql-engine-stub.ts';
