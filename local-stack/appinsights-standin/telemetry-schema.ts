/**
 * The classic Application Insights tables (the `requests`, `dependencies`, … schema the
 * `/v1/apps/{app}/query` API serves), column for column. Source: the App Insights data-plane
 * swagger examples (azure-rest-api-specs …/Microsoft.Insights/preview/v1/examples/metadata-get.json
 * and query-schema.json), in today's order: the type's own columns, `itemType`, the custom
 * dimensions/measurements, the shared context columns, then `itemId` and `itemCount`.
 * Note `success` is a *string* ("True"/"False") in these tables, not a bool.
 */
import type { ColumnSchema, KustoScalarType } from '../kql-engine/index.ts';

export type TelemetryTableName =
  | 'requests'
  | 'dependencies'
  | 'exceptions'
  | 'traces'
  | 'pageViews'
  | 'customEvents'
  | 'availabilityResults'
  | 'customMetrics';

export interface TelemetryTableSchema {
  name: TelemetryTableName;
  /** The value of the `itemType` column. */
  itemType: string;
  columns: ColumnSchema[];
  /** Columns the metadata endpoint flags with `isPreferredFacet` (as in the recorded example). */
  preferredFacets: ReadonlySet<string>;
}

/** Every table's time column; the API's `timespan` restricts it. */
export const TIME_COLUMN = 'timestamp';

const contextColumns: ColumnSchema[] = [
  'operation_Name',
  'operation_Id',
  'operation_ParentId',
  'operation_SyntheticSource',
  'session_Id',
  'user_Id',
  'user_AuthenticatedId',
  'user_AccountId',
  'application_Version',
  'client_Type',
  'client_Model',
  'client_OS',
  'client_IP',
  'client_City',
  'client_StateOrProvince',
  'client_CountryOrRegion',
  'client_Browser',
  'cloud_RoleName',
  'cloud_RoleInstance',
  'appId',
  'appName',
  'iKey',
  'sdkVersion',
  'itemId',
].map((name) => ({ name, type: 'string' as const }));

const commonFacets = [
  'operation_Name',
  'application_Version',
  'client_Browser',
  'cloud_RoleName',
  'cloud_RoleInstance',
  'customDimensions',
];

function columns(spec: string): ColumnSchema[] {
  return spec
    .trim()
    .split(/\s*,\s*/)
    .map((pair) => {
      const [name, type] = pair.split(':') as [string, KustoScalarType];
      return { name, type };
    });
}

function table(
  name: TelemetryTableName,
  itemType: string,
  own: string,
  options: { measurements: boolean; itemCount: boolean; facets: string[] },
): TelemetryTableSchema {
  return {
    name,
    itemType,
    columns: [
      { name: TIME_COLUMN, type: 'datetime' },
      ...columns(own),
      { name: 'itemType', type: 'string' },
      { name: 'customDimensions', type: 'dynamic' },
      ...(options.measurements ? [{ name: 'customMeasurements', type: 'dynamic' as const }] : []),
      ...contextColumns,
      ...(options.itemCount ? [{ name: 'itemCount', type: 'int' as const }] : []),
    ],
    preferredFacets: new Set([...commonFacets, ...options.facets]),
  };
}

const standard = { measurements: true, itemCount: true };

export const telemetryTables: readonly TelemetryTableSchema[] = [
  table(
    'requests',
    'request',
    'id:string, source:string, name:string, url:string, success:string, resultCode:string, duration:real, performanceBucket:string',
    { ...standard, facets: ['name', 'url', 'success', 'resultCode', 'performanceBucket'] },
  ),
  table(
    'dependencies',
    'dependency',
    'id:string, target:string, type:string, name:string, data:string, success:string, resultCode:string, duration:real, performanceBucket:string',
    {
      ...standard,
      facets: ['target', 'type', 'name', 'success', 'resultCode', 'performanceBucket'],
    },
  ),
  table(
    'exceptions',
    'exception',
    'problemId:string, handledAt:string, type:string, message:string, assembly:string, method:string, ' +
      'outerType:string, outerMessage:string, outerAssembly:string, outerMethod:string, ' +
      'innermostType:string, innermostMessage:string, innermostAssembly:string, innermostMethod:string, ' +
      'severityLevel:int, details:dynamic',
    { ...standard, facets: ['problemId', 'type', 'outerType', 'innermostType', 'severityLevel'] },
  ),
  table('traces', 'trace', 'message:string, severityLevel:int', {
    ...standard,
    facets: ['severityLevel'],
  }),
  table(
    'pageViews',
    'pageView',
    'id:string, name:string, url:string, duration:real, performanceBucket:string',
    { ...standard, facets: ['name', 'url', 'performanceBucket'] },
  ),
  table('customEvents', 'customEvent', 'name:string', { ...standard, facets: ['name'] }),
  table(
    'availabilityResults',
    'availabilityResult',
    'id:string, name:string, location:string, success:string, message:string, size:real, duration:real, performanceBucket:string',
    { ...standard, facets: ['name', 'location', 'success', 'performanceBucket'] },
  ),
  table(
    'customMetrics',
    'customMetric',
    'name:string, value:real, valueCount:int, valueSum:real, valueMin:real, valueMax:real, valueStdDev:real',
    { measurements: false, itemCount: false, facets: ['name'] },
  ),
];

export function tableSchema(name: TelemetryTableName): TelemetryTableSchema {
  const found = telemetryTables.find((t) => t.name === name);
  if (!found) throw new Error(`Unknown telemetry table '${name}'.`);
  return found;
}
