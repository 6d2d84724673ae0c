/**
 * Which tokens the example portal mints for the Quarry frame. Quarry asks by scope; a portal
 * that minted whatever was asked would hand a compromised or misconfigured frame tokens for any
 * API the user can reach (Microsoft Graph, Azure Resource Manager, …). So: "query" (the embedded
 * cluster) and the scopes the portal lists in `extraScopes`, nothing else.
 */
export interface PortalScopeSettings {
  /** The cluster the portal pins Quarry to; "query" tokens are for it. */
  cluster: string;
  extraScopes?: readonly string[];
}

/** The Entra scope to mint for what Quarry asked, or null when the portal does not hand it out. */
export function allowedEntraScope(scope: string, settings: PortalScopeSettings): string | null {
  if (scope === 'query') return `${new URL(settings.cluster).origin}/.default`;
  return (settings.extraScopes ?? []).includes(scope) ? scope : null;
}
