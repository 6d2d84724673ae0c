/** The claims of the tokens the identity provider issues, modelled on Entra v2.0 tokens. */
import { createHash, randomBytes } from 'node:crypto';
import { userRoles, type DemoUser } from '../local-constants.ts';
import type { ConfidentialRegistration } from './app-registrations.ts';
import type { TokenSigner } from './token-signer.ts';

export interface TokenContext {
  signer: TokenSigner;
  issuer: string;
  tenantId: string;
  /** Milliseconds since the epoch. */
  now: number;
  lifetimeSeconds: number;
}

/** Entra's `sub` is pairwise: stable per user and per app (or resource), opaque to both. */
export function pairwiseSubject(objectId: string, audience: string): string {
  return createHash('sha256').update(`${objectId}|${audience}`).digest('base64url').slice(0, 43);
}

/** The `client_info` of a response: base64url JSON `{"uid":<oid>,"utid":<tid>}`. */
export function clientInfo(objectId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: objectId, utid: tenantId })).toString('base64url');
}

function timeClaims(context: TokenContext): { iat: number; nbf: number; exp: number } {
  const iat = Math.floor(context.now / 1000);
  return { iat, nbf: iat, exp: iat + context.lifetimeSeconds };
}

function tokenId(): string {
  return randomBytes(16).toString('base64url');
}

export function mintUserAccessToken(
  context: TokenContext,
  user: DemoUser,
  clientId: string,
  /** The resource, or the client id when only OpenID Connect scopes were asked for. */
  audience: string,
): Promise<string> {
  // Roles the user holds on this resource (local-constants.ts userRoles); none: no claim.
  const roles = userRoles[user.username]?.[audience] ?? [];
  return context.signer.sign({
    aud: audience,
    iss: context.issuer,
    ...timeClaims(context),
    tid: context.tenantId,
    oid: user.objectId,
    ...(roles.length > 0 ? { roles: [...roles] } : {}),
    sub: pairwiseSubject(user.objectId, audience),
    upn: user.username,
    preferred_username: user.username,
    name: user.displayName,
    scp: 'user_impersonation',
    appid: clientId,
    azp: clientId,
    azpacr: '0',
    idtyp: 'user',
    ver: '2.0',
    uti: tokenId(),
  });
}

export function mintIdToken(
  context: TokenContext,
  user: DemoUser,
  clientId: string,
  session: { sid: string; authTime: number },
  nonce: string | undefined,
): Promise<string> {
  return context.signer.sign({
    aud: clientId,
    iss: context.issuer,
    ...timeClaims(context),
    auth_time: Math.floor(session.authTime / 1000),
    sub: pairwiseSubject(user.objectId, clientId),
    oid: user.objectId,
    tid: context.tenantId,
    name: user.displayName,
    preferred_username: user.username,
    login_hint: user.username,
    sid: session.sid,
    ver: '2.0',
    uti: tokenId(),
    ...(nonce === undefined ? {} : { nonce }),
  });
}

export function mintAppAccessToken(
  context: TokenContext,
  app: ConfidentialRegistration,
  audience: string,
): Promise<string> {
  return context.signer.sign({
    aud: audience,
    iss: context.issuer,
    ...timeClaims(context),
    tid: context.tenantId,
    oid: app.servicePrincipalObjectId,
    sub: app.servicePrincipalObjectId,
    roles: [...app.roles],
    appid: app.clientId,
    azp: app.clientId,
    azpacr: '1',
    idtyp: 'app',
    ver: '2.0',
    uti: tokenId(),
  });
}
