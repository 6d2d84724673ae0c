/**
 * Everything the identity provider remembers between requests, in memory: browser sign-in
 * sessions, sign-ins waiting for a password, authorization codes and refresh tokens.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** A validated /authorize request (client and redirect URI already checked). */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  responseMode: ResponseMode;
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string;
  prompt: string | undefined;
  loginHint: string | undefined;
  correlationId: string;
}

export interface SignInSession {
  /** Value of the session cookie. */
  id: string;
  /** The `sid` claim and `session_state`; MSAL sends it back as `sid` on silent requests. */
  sid: string;
  username: string;
  authTime: number;
}

export interface PendingSignIn {
  id: string;
  request: AuthorizeRequest;
  createdAt: number;
}

export interface AuthorizationCode {
  code: string;
  request: AuthorizeRequest;
  username: string;
  sid: string;
  issuedAt: number;
  redeemedAt: number | undefined;
}

export interface RefreshGrant {
  token: string;
  clientId: string;
  username: string;
  sid: string;
  /** When the user signed in: SPA refresh tokens expire a fixed time after it. */
  signedInAt: number;
  lifetimeSeconds: number;
  expiresAt: number;
  issuedAt: number;
  /** The token this one replaced, if it came from a rotation. */
  predecessor: string | undefined;
  firstUsedAt: number | undefined;
  /** Set once a token issued in exchange for this one has itself been used. */
  successorUsed: boolean;
  revokedAt: number | undefined;
}

export const authorizationCodeLifetimeMs = 10 * 60 * 1000;
export const pendingSignInLifetimeMs = 30 * 60 * 1000;
/**
 * A rotated refresh token keeps working for a short while, so that two silent requests that
 * raced with the same token (one per resource) both succeed. Once the new token is used, or the
 * window passes, the old one is refused.
 */
export const refreshTokenReuseWindowMs = 60 * 1000;
/** How long spent records are kept so that reuse gets a precise error rather than "unknown". */
const retentionMs = 24 * 60 * 60 * 1000;

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export class GrantStore {
  private readonly sessions = new Map<string, SignInSession>();
  private readonly pendingSignIns = new Map<string, PendingSignIn>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();

  constructor(private readonly now: () => number) {}

  createSession(username: string): SignInSession {
    const session: SignInSession = {
      id: randomToken(32),
      sid: randomUUID(),
      username,
      authTime: this.now(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  findSession(id: string | undefined): SignInSession | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  endSession(id: string): boolean {
    return this.sessions.delete(id);
  }

  /** Ends every session, or only those of one user; returns how many ended. */
  endSessions(username?: string): number {
    let ended = 0;
    for (const [id, session] of this.sessions) {
      if (username === undefined || sameUsername(session.username, username)) {
        this.sessions.delete(id);
        ended += 1;
      }
    }
    return ended;
  }

  addPendingSignIn(request: AuthorizeRequest): PendingSignIn {
    this.prune();
    const pending: PendingSignIn = { id: randomToken(24), request, createdAt: this.now() };
    this.pendingSignIns.set(pending.id, pending);
    return pending;
  }

  /** The pending sign-in, if it exists and has not timed out. */
  findPendingSignIn(id: string): PendingSignIn | undefined {
    const pending = this.pendingSignIns.get(id);
    if (!pending || this.now() - pending.createdAt > pendingSignInLifetimeMs) return undefined;
    return pending;
  }

  completePendingSignIn(id: string): void {
    this.pendingSignIns.delete(id);
  }

  issueCode(request: AuthorizeRequest, session: SignInSession): AuthorizationCode {
    this.prune();
    const code: AuthorizationCode = {
      code: `1.${randomToken(96)}`,
      request,
      username: session.username,
      sid: session.sid,
      issuedAt: this.now(),
      redeemedAt: undefined,
    };
    this.codes.set(code.code, code);
    return code;
  }

  findCode(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  issueRefreshToken(
    grant: Pick<RefreshGrant, 'clientId' | 'username' | 'sid' | 'signedInAt' | 'lifetimeSeconds'>,
    predecessor?: RefreshGrant,
  ): RefreshGrant {
    this.prune();
    const issued: RefreshGrant = {
      ...grant,
      token: `1.${randomToken(96)}`,
      expiresAt: grant.signedInAt + grant.lifetimeSeconds * 1000,
      issuedAt: this.now(),
      predecessor: predecessor?.token,
      firstUsedAt: undefined,
      successorUsed: false,
      revokedAt: undefined,
    };
    this.refreshGrants.set(issued.token, issued);
    return issued;
  }

  findRefreshGrant(token: string): RefreshGrant | undefined {
    return this.refreshGrants.get(token);
  }

  /** True when the token was rotated and may no longer be used. */
  isRotatedOut(grant: RefreshGrant): boolean {
    if (grant.firstUsedAt === undefined) return false;
    return grant.successorUsed || this.now() - grant.firstUsedAt > refreshTokenReuseWindowMs;
  }

  markRefreshTokenUsed(grant: RefreshGrant): void {
    grant.firstUsedAt ??= this.now();
    const predecessor = grant.predecessor ? this.refreshGrants.get(grant.predecessor) : undefined;
    if (predecessor) predecessor.successorUsed = true;
  }

  /** Revokes every refresh token of a user; returns how many were still usable. */
  revokeRefreshTokens(username: string): number {
    let revoked = 0;
    for (const grant of this.refreshGrants.values()) {
      if (grant.revokedAt !== undefined || !sameUsername(grant.username, username)) continue;
      if (this.now() < grant.expiresAt && !this.isRotatedOut(grant)) revoked += 1;
      grant.revokedAt = this.now();
    }
    return revoked;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, pending] of this.pendingSignIns) {
      if (now - pending.createdAt > retentionMs) this.pendingSignIns.delete(id);
    }
    for (const [code, entry] of this.codes) {
      if (now - entry.issuedAt > retentionMs) this.codes.delete(code);
    }
    for (const [token, grant] of this.refreshGrants) {
      if (now - grant.expiresAt > retentionMs) this.refreshGrants.delete(token);
    }
  }
}

export function sameUsername(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
