/**
 * The local tenant's app registrations, as an Entra admin would have set them up: the Quarry SPA,
 * an example portal that embeds Quarry, and a confidential daemon for tools and tests.
 */
import { daemonClient, ports, proxyClients, quarryClient } from '../local-constants.ts';

export interface SpaRegistration {
  kind: 'spa';
  clientId: string;
  displayName: string;
  /** Redirect URIs of platform type "Single-page application"; matched exactly. */
  redirectUris: readonly string[];
}

export interface ConfidentialRegistration {
  kind: 'confidential';
  clientId: string;
  displayName: string;
  /** A client secret, when the app has one. */
  clientSecret?: string;
  /** Certificate credentials (PEM certificates): client assertions signed by their keys. */
  certificates?: readonly string[];
  /** Application roles granted to the app's service principal (the `roles` claim). */
  roles: readonly string[];
  /** Object id of the app's service principal in the local tenant (the `oid` claim). */
  servicePrincipalObjectId: string;
}

export type AppRegistration = SpaRegistration | ConfidentialRegistration;

export const examplePortalClient = {
  clientId: 'e5a1c9d0-7b3f-4e2a-9d8c-1f0e2d3c4b5a',
  displayName: 'Contoso Portal (example host)',
  redirectUris: ['http://127.0.0.1:5190/', 'http://127.0.0.1:5190/redirect.html'],
} as const;

/** The daemon's service principal, as the stand-ins see it in app-only tokens. */
export const daemonServicePrincipal = {
  objectId: '3e8d1c7b-2a9f-4b6e-8d0c-5f4a3b2c1d0e',
  displayName: 'Quarry daemon (local)',
  roles: ['Data.Read'],
} as const;

/** Ports the console is served from: vite dev, vite preview, the SWA emulator, QUARRY_PORT. */
const consolePorts = [5173, 4173, 4280];

export function quarryRedirectUris(env: NodeJS.ProcessEnv = process.env): string[] {
  const uris: string[] = [];
  for (const port of new Set([...consolePorts, ports.console])) {
    for (const host of ['localhost', '127.0.0.1']) {
      uris.push(`http://${host}:${port}/`, `http://${host}:${port}/redirect.html`);
    }
  }
  const extra = (env.QUARRY_EXTRA_REDIRECT_URIS ?? '')
    .split(',')
    .map((uri) => uri.trim())
    .filter((uri) => uri.length > 0);
  return [...new Set([...uris, ...extra])];
}

/** The certificates registered on the proxy apps (absent: those apps have no credential). */
export interface ProxyCertificates {
  query?: string;
  ingestion?: string;
}

export function loadAppRegistrations(
  env: NodeJS.ProcessEnv = process.env,
  proxyCertificates: ProxyCertificates = {},
): AppRegistration[] {
  const proxyRegistration = (
    client: (typeof proxyClients)[keyof typeof proxyClients],
    certificate: string | undefined,
  ): ConfidentialRegistration => ({
    kind: 'confidential',
    clientId: client.clientId,
    displayName: client.displayName,
    certificates: certificate ? [certificate] : [],
    roles: client.roles,
    servicePrincipalObjectId: client.servicePrincipalObjectId,
  });
  return [
    {
      kind: 'spa',
      clientId: quarryClient.clientId,
      displayName: quarryClient.displayName,
      redirectUris: quarryRedirectUris(env),
    },
    {
      kind: 'spa',
      clientId: examplePortalClient.clientId,
      displayName: examplePortalClient.displayName,
      redirectUris: examplePortalClient.redirectUris,
    },
    {
      kind: 'confidential',
      clientId: daemonClient.clientId,
      displayName: daemonServicePrincipal.displayName,
      clientSecret: daemonClient.clientSecret,
      roles: daemonServicePrincipal.roles,
      servicePrincipalObjectId: daemonServicePrincipal.objectId,
    },
    proxyRegistration(proxyClients.query, proxyCertificates.query),
    proxyRegistration(proxyClients.ingestion, proxyCertificates.ingestion),
  ];
}
