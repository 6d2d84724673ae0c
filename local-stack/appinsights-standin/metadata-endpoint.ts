/**
 * `/v1/apps/{app}/metadata`: the schema the console uses for completion and its schema tree, in
 * the shape of the swagger example metadata-get.json (tables with `t/<name>` ids, `timespanColumn`,
 * `isPreferredFacet` on some columns; one table group; the application).
 */
import type { AppInsightsApplication } from './demo-applications.ts';
import { TIME_COLUMN, telemetryTables } from './telemetry-schema.ts';

const TABLE_GROUP_ID = 'ai/StandardSchema';

export function metadataBody(apps: readonly AppInsightsApplication[]): Record<string, unknown> {
  const tableIds = telemetryTables.map((table) => `t/${table.name}`);
  return {
    tables: telemetryTables.map((table) => ({
      id: `t/${table.name}`,
      name: table.name,
      timespanColumn: TIME_COLUMN,
      columns: table.columns.map((column) => ({
        name: column.name,
        type: column.type,
        ...(table.preferredFacets.has(column.name) ? { isPreferredFacet: true } : {}),
      })),
    })),
    tableGroups: [{ id: TABLE_GROUP_ID, name: 'StandardSchema', source: 'ai', tables: tableIds }],
    applications: apps.map((app) => ({
      id: app.applicationId,
      name: app.displayName,
      resourceId: app.resourceId,
      tables: [],
      region: app.region,
      tableGroups: [TABLE_GROUP_ID],
    })),
  };
}
