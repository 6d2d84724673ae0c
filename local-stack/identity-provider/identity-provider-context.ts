/** What every endpoint handler gets: the provider's state and the request being answered. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppRegistration } from './app-registrations.ts';
import type { AssertionReplayCache } from './client-assertion.ts';
import type { TraceContext } from './entra-errors.ts';
import type { GrantStore } from './grant-store.ts';
import type { TenantAlias } from './local-tenant.ts';
import type { TestControls } from './test-controls.ts';
import type { TokenSigner } from './token-signer.ts';

export interface IdentityProviderContext {
  /** `https://localhost:<port>`, the port being the one actually bound. */
  baseUrl: string;
  /** `https://localhost:<port>/<tenant-guid>/v2.0` */
  issuer: string;
  signer: TokenSigner;
  store: GrantStore;
  /** Client assertion ids already redeemed (each may be used once). */
  assertionReplay: AssertionReplayCache;
  controls: TestControls;
  /** The per-start token `/__admin` requests must carry. */
  adminToken: string;
  findRegistration(clientId: string | null | undefined): AppRegistration | undefined;
  allRegistrations(): readonly AppRegistration[];
  now(): number;
}

export interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  trace: TraceContext;
  tenantAlias: TenantAlias;
}

export const sessionCookieName = 'quarry_idp_session';
