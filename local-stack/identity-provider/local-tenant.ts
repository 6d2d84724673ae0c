/** Which tenant segments of a URL (`/{tenant}/…`) mean the local tenant. */
import { tenant } from '../local-constants.ts';

/**
 * `tenant`: the tenant by GUID, name or domain. `multi-tenant`: `common` or `organizations`,
 * which resolve to the local tenant (its only users live there) except for app-only tokens.
 */
export type TenantAlias = 'tenant' | 'multi-tenant';

export const tenantLabel = 'Contoso (local identity provider)';

export function resolveTenantAlias(segment: string): TenantAlias | undefined {
  const value = segment.toLowerCase();
  if (value === tenant.id || value === tenant.name || value === tenant.domain) return 'tenant';
  if (value === 'common' || value === 'organizations') return 'multi-tenant';
  return undefined;
}
