/**
 * Turns a `scope` parameter (`http://localhost:5181/.default openid profile offline_access`) into
 * the one resource a token is for, as Entra v2.0 does: `<resource>/.default` and
 * `<resource>//.default` both name `<resource>`; `<resource>/<permission>` names it too.
 */
import { resources } from '../local-constants.ts';
import { entraErrors, type EntraError } from './entra-errors.ts';

export const openIdConnectScopes = ['openid', 'profile', 'email', 'offline_access'] as const;

export interface RequestedScopes {
  /** The token's audience, canonical and without a trailing slash; undefined for OIDC-only. */
  resource: string | undefined;
  /** The resource scopes exactly as requested (echoed in `scope` so MSAL's cache matches). */
  resourceScopes: string[];
  /** The OpenID Connect scopes requested (`openid`, `profile`, `email`, `offline_access`). */
  oidcScopes: string[];
}

/** Microsoft Graph is what Entra assumes for a bare permission like `User.Read`. */
const graphResource = 'https://graph.microsoft.com';

const fixedResources = [
  resources.kusto,
  resources.appInsights,
  resources.monitorIngestion,
  resources.prometheus,
  'https://api.applicationinsights.io',
  'https://api.loganalytics.io',
].map((resource) => resource.toLowerCase());

/** The canonical form of a resource this tenant knows, or undefined when it has no such resource. */
export function canonicalResource(resource: string): string | undefined {
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    return undefined;
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username) return undefined;
  const origin = url.origin.toLowerCase();
  if (fixedResources.includes(origin)) return origin;
  if (url.protocol === 'https:' && !url.port && url.hostname.endsWith('.kusto.windows.net')) {
    return origin;
  }
  return undefined;
}

/** The resource a single non-OIDC scope names, before checking that the tenant knows it. */
function resourceOfScope(scope: string): string | undefined {
  if (scope.endsWith('/.default')) {
    const resource = scope.slice(0, -'/.default'.length).replace(/\/+$/, '');
    return resource.length > 0 ? resource : undefined;
  }
  if (!scope.includes('://')) return graphResource;
  const lastSlash = scope.lastIndexOf('/');
  const schemeEnd = scope.indexOf('://') + 3;
  return lastSlash > schemeEnd ? scope.slice(0, lastSlash) : undefined;
}

export function parseRequestedScopes(
  scope: string,
  tenantName: string,
): RequestedScopes | EntraError {
  const requested = [...new Set(scope.split(/\s+/).filter((s) => s.length > 0))];
  const oidcScopes = requested.filter((s) =>
    (openIdConnectScopes as readonly string[]).includes(s.toLowerCase()),
  );
  const resourceScopes = requested.filter((s) => !oidcScopes.includes(s));

  const named = new Map<string, string>();
  for (const resourceScope of resourceScopes) {
    const resource = resourceOfScope(resourceScope);
    if (resource === undefined) return entraErrors.invalidScope(resourceScope);
    named.set(resource.toLowerCase(), resource);
  }
  if (named.size > 1) return entraErrors.invalidScopeMultipleResources([...named.values()]);
  const [resource] = named.values();
  if (resource === undefined) return { resource: undefined, resourceScopes, oidcScopes };
  const canonical = canonicalResource(resource);
  if (canonical === undefined) return entraErrors.invalidResource(resource, tenantName);
  return { resource: canonical, resourceScopes, oidcScopes };
}

export function isEntraError(value: unknown): value is EntraError {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    'code' in value &&
    'message' in value
  );
}

/** The `scope` of a token response: what was asked for plus the permission the token carries. */
export function grantedScope(requested: RequestedScopes): string {
  const granted = [...requested.resourceScopes];
  if (requested.resource !== undefined) granted.push(`${requested.resource}/user_impersonation`);
  granted.push(...requested.oidcScopes);
  return [...new Set(granted)].join(' ');
}
