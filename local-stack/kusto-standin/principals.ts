/**
 * Who is calling (from the validated token's claims) and which databases they may read.
 * viewer@contoso.com is not granted ContosoSales; analyst@contoso.com and the daemon app are.
 */
import { daemonClient, demoUsers } from '../local-constants.ts';
import type { TokenClaims } from './token-verifier.ts';

export interface Principal {
  kind: 'user' | 'app';
  /** Kusto's principal name: `aaduser=<oid>;<tid>` or `aadapp=<appid>;<tid>`. */
  fqn: string;
  /** For logs and `.show queries`: the UPN of a user, the app id of an app. */
  displayName: string;
  objectId: string;
  appId: string | null;
}

export function principalFromClaims(claims: TokenClaims): Principal {
  const tenantId = typeof claims.tid === 'string' ? claims.tid : '';
  const objectId = typeof claims.oid === 'string' ? claims.oid : String(claims.sub ?? '');
  const appId =
    typeof claims.appid === 'string'
      ? claims.appid
      : typeof claims.azp === 'string'
        ? claims.azp
        : null;
  const isApp =
    claims.idtyp === 'app' ||
    (claims.scp === undefined && claims.upn === undefined && appId !== null);
  if (isApp) {
    return {
      kind: 'app',
      fqn: `aadapp=${appId};${tenantId}`,
      displayName: appId ?? objectId,
      objectId,
      appId,
    };
  }
  const upn =
    typeof claims.upn === 'string'
      ? claims.upn
      : typeof claims.preferred_username === 'string'
        ? claims.preferred_username
        : objectId;
  return {
    kind: 'user',
    fqn: `aaduser=${objectId};${tenantId}`,
    displayName: upn,
    objectId,
    appId,
  };
}

const analyst = demoUsers.find((u) => u.username === 'analyst@contoso.com');

/** Databases not listed here are readable by every authenticated principal. */
const restrictedDatabases: Record<string, (principal: Principal) => boolean> = {
  ContosoSales: (p) =>
    (p.kind === 'user' && analyst !== undefined && p.objectId === analyst.objectId) ||
    (p.kind === 'app' && p.appId === daemonClient.clientId),
};

export function canReadDatabase(principal: Principal, database: string): boolean {
  const rule = restrictedDatabases[database];
  return rule ? rule(principal) : true;
}
