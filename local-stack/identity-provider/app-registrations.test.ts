import { describe, expect, it } from 'vitest';
import { daemonClient, ports, proxyClients, quarryClient } from '../local-constants.ts';
import {
  examplePortalClient,
  loadAppRegistrations,
  quarryRedirectUris,
} from './app-registrations.ts';

describe('quarryRedirectUris', () => {
  it('registers / and /redirect.html on both loopback hosts for dev, preview and SWA ports', () => {
    const uris = quarryRedirectUris({});
    for (const port of [5173, 4173, 4280]) {
      for (const host of ['localhost', '127.0.0.1']) {
        expect(uris).toContain(`http://${host}:${port}/`);
        expect(uris).toContain(`http://${host}:${port}/redirect.html`);
      }
    }
    expect(uris).toHaveLength(new Set([5173, 4173, 4280, ports.console]).size * 4);
  });

  it('adds QUARRY_EXTRA_REDIRECT_URIS, trimmed and without duplicates', () => {
    const uris = quarryRedirectUris({
      QUARRY_EXTRA_REDIRECT_URIS: ' http://localhost:9000/app/ ,http://localhost:5173/,,',
    });
    expect(uris).toContain('http://localhost:9000/app/');
    expect(uris.filter((uri) => uri === 'http://localhost:5173/')).toHaveLength(1);
  });
});

describe('loadAppRegistrations', () => {
  it('has the Quarry SPA, the example portal SPA, the confidential daemon and the two proxy apps', () => {
    const registrations = loadAppRegistrations({}, { query: 'QUERY-PEM' });
    expect(registrations.map((r) => [r.clientId, r.kind])).toEqual([
      [quarryClient.clientId, 'spa'],
      [examplePortalClient.clientId, 'spa'],
      [daemonClient.clientId, 'confidential'],
      [proxyClients.query.clientId, 'confidential'],
      [proxyClients.ingestion.clientId, 'confidential'],
    ]);
    // Certificate credentials only, each app with the one role its job needs.
    expect(registrations[3]).toMatchObject({
      certificates: ['QUERY-PEM'],
      roles: ['Monitoring Data Reader'],
    });
    expect(registrations[4]).toMatchObject({
      certificates: [],
      roles: ['Monitoring Metrics Publisher'],
    });
    expect(registrations[3]).not.toHaveProperty('clientSecret');
    expect(registrations[1]).toMatchObject({
      displayName: 'Contoso Portal (example host)',
      redirectUris: ['http://127.0.0.1:5190/', 'http://127.0.0.1:5190/redirect.html'],
    });
  });
});
