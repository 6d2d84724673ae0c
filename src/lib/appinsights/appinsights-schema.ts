import type { HttpDeps } from '../query/http-request';
import { parseShowSchemaJson, type DatabaseSchema } from '../query/database-schema';
import { QueryFailure, badResponseError } from '../query-errors';
import { normalizeKustoType } from '../result-model';
import { sendAppInsightsRequest, type AppInsightsTarget } from './appinsights-http';
import { jsonObject } from '../json/json-fields';

type Json = Record<string, unknown>;

/**
 * The `/metadata` document (protocols.md §3.4) as a `.show database schema as json` document
 * (Databases → <appId> → Tables → OrderedColumns with CslType), so the editor's completion and the
 * schema tree treat an App Insights app like a Kusto database. Functions are carried over when the
 * document lists them (Log Analytics does).
 */
export function metadataToShowSchemaJson(metadata: unknown, database: string): string {
  const root = jsonObject(metadata) ?? {};
  const tables: Json = {};
  for (const entry of Array.isArray(root.tables) ? root.tables : []) {
    const table = jsonObject(entry);
    const name = typeof table?.name === 'string' ? table.name : null;
    if (!table || !name) continue;
    const columns = (Array.isArray(table.columns) ? table.columns : []).flatMap((c) => {
      const column = jsonObject(c);
      if (!column || typeof column.name !== 'string') return [];
      const wire = typeof column.type === 'string' ? column.type : 'string';
      return [{ Name: column.name, Type: wire, CslType: normalizeKustoType(wire) }];
    });
    tables[name] = {
      Name: name,
      EntityType: 'Table',
      Folder: null,
      DocString: typeof table.description === 'string' ? table.description : null,
      OrderedColumns: columns,
    };
  }
  const functions: Json = {};
  for (const entry of Array.isArray(root.functions) ? root.functions : []) {
    const fn = jsonObject(entry);
    if (!fn || typeof fn.name !== 'string') continue;
    functions[fn.name] = {
      Name: fn.name,
      Body: typeof fn.body === 'string' ? fn.body : '',
      DocString: typeof fn.description === 'string' ? fn.description : null,
      Folder: typeof fn.category === 'string' ? fn.category : null,
      InputParameters: [],
    };
  }
  return JSON.stringify({
    Plugins: [],
    Databases: {
      [database]: {
        Name: database,
        Tables: tables,
        ExternalTables: {},
        MaterializedViews: {},
        Functions: functions,
        MajorVersion: 0,
        MinorVersion: 0,
        DatabaseAccessMode: 'ReadOnly',
      },
    },
  });
}

/** Reads `/v1/apps/{appId}/metadata` (GET). Throws QueryFailure on any failure. */
export async function fetchAppInsightsSchema(
  target: AppInsightsTarget,
  deps: HttpDeps & { randomUUID?: () => string } = {},
): Promise<DatabaseSchema> {
  const uuid = deps.randomUUID ?? (() => crypto.randomUUID());
  const requestId = `Quarry.Schema;${uuid()}`;
  const result = await sendAppInsightsRequest({ target, action: 'metadata', requestId, deps });
  if (!result.ok) throw new QueryFailure(result.error);
  const ctx = { requestId, activityId: result.activityId, database: target.appId };
  let text: string;
  try {
    text = result.response.status === 204 ? '{}' : await result.response.text();
  } catch (error) {
    throw new QueryFailure(
      badResponseError(`Reading the schema failed: ${String(error)}`, null, ctx),
    );
  }
  let metadata: unknown;
  try {
    metadata = JSON.parse(text) as unknown;
  } catch {
    throw new QueryFailure(
      badResponseError('The metadata response is not valid JSON.', text.slice(0, 500), ctx),
    );
  }
  if (!jsonObject(metadata) || !Array.isArray((metadata as Json).tables)) {
    throw new QueryFailure(
      badResponseError('The metadata response has no "tables" list.', text.slice(0, 500), ctx),
    );
  }
  return parseShowSchemaJson(metadataToShowSchemaJson(metadata, target.appId), target.appId);
}
