import { z } from 'zod';
import { describeExtraHostProblem, isLoopback } from '../trusted-hosts/trusted-host-policy';
import { wellKnownMonitorApiResources } from '../trusted-hosts/well-known-kusto-endpoints';

/**
 * The runtime configuration in /config.json. One production build serves any tenant: a
 * deployment edits this file, never the bundle. Every rule here has a message that names the
 * field and says how to fix it, because the config error page shows these messages verbatim.
 */

const PLACEHOLDER_CLIENT_ID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const httpsUrl = (what: string) =>
  z
    .string({ error: `must be the ${what} URL as a string` })
    .refine((value) => parseUrl(value)?.protocol === 'https:', {
      message: `must be an https:// URL (MSAL refuses http authorities: authority_uri_insecure)`,
    });

const origin = z.string().refine(
  (value) => {
    const url = parseUrl(value);
    return (
      url !== null &&
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.origin === value.replace(/\/$/, '')
    );
  },
  { message: 'must be an origin such as https://mycluster.westeurope.kusto.windows.net (no path)' },
);

/** An origin that receives tokens: https, or http only on loopback (the local stand-ins). */
const tokenOrigin = origin.refine(
  (value) => {
    const url = parseUrl(value);
    return url === null || url.protocol === 'https:' || isLoopback(url.hostname);
  },
  {
    message:
      'must be https: tokens would travel in clear text (http is allowed only for localhost, 127.0.0.1 and [::1])',
  },
);

/** Checked with the trusted-host policy's own rules, so what passes here cannot throw at boot. */
const trustedHost = z.string().superRefine((value, ctx) => {
  const problem = describeExtraHostProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `"${value}" ${problem}` });
});

const kustoConnection = z.object({
  kind: z.literal('kusto'),
  name: z.string().min(1, 'must be a non-empty display name'),
  clusterUrl: tokenOrigin,
  database: z.string().min(1, 'must name a database, e.g. Samples'),
});

const appInsightsConnection = z
  .object({
    kind: z.literal('appinsights'),
    name: z.string().min(1, 'must be a non-empty display name'),
    appId: z.string().min(1, 'must be the Application ID from the API Access blade'),
    endpoint: tokenOrigin.default('https://api.applicationinsights.io'),
    /**
     * The token's resource. Default: the cloud's resource for its App Insights / Log Analytics API
     * hosts, else the endpoint itself; a proxy or stand-in that must receive an App Insights token
     * names it here, and only such a connection gets one (see trusted-host-policy audienceFor).
     */
    resource: origin.optional(),
  })
  .transform((connection) => ({
    ...connection,
    resource: (connection.resource ?? defaultResourceFor(connection.endpoint)).replace(/\/$/, ''),
  }));

function defaultResourceFor(endpoint: string): string {
  const url = parseUrl(endpoint);
  if (!url) return endpoint;
  const wellKnown =
    url.protocol === 'https:' && url.port === ''
      ? wellKnownMonitorApiResources[url.hostname]
      : undefined;
  return wellKnown ?? url.origin;
}

export const runtimeConfigSchema = z
  .object({
    auth: z.object(
      {
        clientId: z
          .string({
            error: 'is missing: set it to your app registration’s Application (client) ID',
          })
          .regex(GUID, 'must be the Application (client) ID GUID of your app registration')
          .refine((id) => id !== PLACEHOLDER_CLIENT_ID, {
            message:
              'is still the placeholder: register a single-page application in Microsoft Entra ID and put its Application (client) ID here',
          }),
        authority: httpsUrl('authority').refine(
          (value) => (parseUrl(value)?.pathname.split('/').filter(Boolean).length ?? 0) >= 1,
          {
            message:
              'must include the tenant, e.g. https://login.microsoftonline.com/<tenant-id or domain>',
          },
        ),
        knownAuthorities: z.array(z.string().min(1)).default([]),
        redirectUri: z.string().default('/redirect.html'),
        postLogoutRedirectUri: z.string().default('/'),
        cacheLocation: z
          .enum(['sessionStorage', 'localStorage', 'memoryStorage'], {
            error: 'must be one of sessionStorage, localStorage, memoryStorage',
          })
          .default('sessionStorage'),
      },
      { error: 'is missing: add an "auth" object with clientId and authority' },
    ),
    connections: z
      .array(z.discriminatedUnion('kind', [kustoConnection, appInsightsConnection]))
      .min(1, {
        message: 'must list at least one connection (e.g. the help cluster)',
      }),
    trustedHosts: z.array(trustedHost).default([]),
    embedding: z
      .object({ allowedHostOrigins: z.array(origin).default([]) })
      .default({ allowedHostOrigins: [] }),
  })
  .superRefine((config, ctx) => {
    const authorityHost = parseUrl(config.auth.authority)?.host.toLowerCase();
    const known = config.auth.knownAuthorities.map((host) => host.toLowerCase());
    if (authorityHost && !known.includes(authorityHost)) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth', 'knownAuthorities'],
        message: `must list the authority's host "${authorityHost}" (without it MSAL tries instance discovery on the internet and fails with endpoints_resolution_error)`,
      });
    }
  });

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;
// Its connections are src/lib/sources/query-target's ConnectionSettings (useConnections relies
// on it, so the compiler checks it there); these schemas add config.json's own messages and
// defaults.

export interface ConfigProblem {
  /** Dotted path of the field, e.g. "auth.clientId". */
  field: string;
  message: string;
}

export type ConfigParseResult =
  { ok: true; config: RuntimeConfig } | { ok: false; problems: ConfigProblem[] };

export function parseRuntimeConfig(raw: unknown): ConfigParseResult {
  const result = runtimeConfigSchema.safeParse(raw);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(the whole file)',
      message: issue.message,
    })),
  };
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
