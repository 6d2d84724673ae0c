import { z } from 'zod';

/**
 * Where a query goes, one discriminated union for every source, with the schemas that validate it
 * (saved queries, history, the user's added connections, links all read data Quarry did not just
 * write). Adding a source (say `prometheus`) adds one member to each list below: its target (the
 * data's address) and what a connection to it adds (its display name, its token audience if the
 * target alone does not decide it). TypeScript then points at every `kind` switch that must learn it.
 *
 * - `QueryTarget`: the address only. What saved queries, history and share links store.
 * - `ConnectionSettings`: a target with its name (and App Insights' token resource). What config.json
 *   configures and what the user adds; what a request needs to be sent.
 */

const httpUrl = z
  .string()
  .max(2048)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) URL' },
  );

const kustoTarget = z.object({
  kind: z.literal('kusto'),
  clusterUrl: httpUrl,
  database: z.string().min(1).max(1024),
});

/** An Application Insights app, or a Log Analytics workspace behind the same API. */
const appInsightsTarget = z.object({
  kind: z.literal('appinsights'),
  appId: z.string().min(1).max(1024),
  endpoint: httpUrl,
});

export const queryTargetSchema = z.discriminatedUnion('kind', [kustoTarget, appInsightsTarget]);

export type QueryTarget = z.infer<typeof queryTargetSchema>;
export type QueryTargetKind = QueryTarget['kind'];

// Empty is allowed: versions before this schema stored whatever name the dialog gave.
const name = z.string().max(1024);

export const connectionSettingsSchema = z.discriminatedUnion('kind', [
  kustoTarget.extend({ name }),
  /** `resource`: the token audience (the trusted-host policy decides it when the user adds one). */
  appInsightsTarget.extend({ name, resource: z.string().min(1).max(2048) }),
]);

export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

/** A connection being added: its target, and a name when the user or a link gave one. */
export type NewConnection = QueryTarget & { name?: string };

/** The target part of a connection (what saved queries and history keep of it). */
export function targetOf(connection: QueryTarget): QueryTarget {
  return connection.kind === 'kusto'
    ? { kind: 'kusto', clusterUrl: connection.clusterUrl, database: connection.database }
    : { kind: 'appinsights', appId: connection.appId, endpoint: connection.endpoint };
}
