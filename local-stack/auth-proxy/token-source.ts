/**
 * The proxy's own tokens: client credentials with a certificate (a PS256 client assertion carrying
 * the certificate's `x5t#S256`), fetched at start and refreshed AAD_TOKEN_REFRESH_INTERVAL_IN_PERCENTAGE
 * of the lifetime before expiry. A failed refresh keeps the current token until it expires and
 * tries again sooner; without a valid token the proxy is not ready.
 */
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import https from 'node:https';
import http from 'node:http';
import { SignJWT } from 'jose';
import { certificateThumbprints, splitPem } from '../tls/client-certificate.ts';
import type { ProxyConfig } from './proxy-config.ts';
import type { ProxyLogger } from './proxy-log.ts';

export interface Timers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs);
    // A pending refresh must not keep a stopping process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class TokenRequestFailed extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly body: string,
  ) {
    super(message);
  }
}

export interface Credential {
  clientId: string;
  key: KeyObject;
  /** `x5t#S256` of the certificate. */
  thumbprint: string;
}

/** Reads AAD_CLIENT_CERTIFICATE_PATH's content: a PEM with the private key and the certificate. */
export function credentialFromPem(clientId: string, pem: string): Credential {
  const { certPem, keyPem } = splitPem(pem);
  if (!keyPem)
    throw new Error('The certificate file has no private key (PEM "PRIVATE KEY" block).');
  if (!certPem)
    throw new Error('The certificate file has no certificate (PEM "CERTIFICATE" block).');
  return {
    clientId,
    key: createPrivateKey(keyPem),
    thumbprint: certificateThumbprints(certPem).sha256,
  };
}

export interface AccessToken {
  token: string;
  expiresAtMs: number;
}

export class TokenSource {
  private current: AccessToken | undefined;
  private timer: unknown;
  private stopped = false;
  /** How many tokens were fetched (start and refreshes), for logs and tests. */
  fetched = 0;

  constructor(
    private readonly config: ProxyConfig,
    private readonly credential: Credential,
    private readonly options: {
      logger: ProxyLogger;
      timers: Timers;
      now: () => number;
      ca: string | undefined;
    },
  ) {}

  get tokenEndpoint(): string {
    return `${this.config.authorityHost}/${this.config.tenantId}/oauth2/v2.0/token`;
  }

  /** A token that has not expired, or undefined. */
  valid(): AccessToken | undefined {
    return this.current && this.current.expiresAtMs > this.options.now() ? this.current : undefined;
  }

  /** Fetches the first token; throws TokenRequestFailed when the IdP refuses. */
  async start(): Promise<void> {
    await this.refresh();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      this.refresh().catch((error: unknown) => {
        const remaining = (this.current?.expiresAtMs ?? 0) - this.options.now();
        const retryMs = Math.max(1000, Math.min(30_000, remaining / 2));
        this.options.logger('error', 'Failed to refresh token, keeping the current one.', {
          Error: describeFailure(error),
          RetryInMs: Math.round(retryMs),
        });
        this.schedule(retryMs);
      });
    }, delayMs);
  }

  private async refresh(): Promise<void> {
    const issuedAt = this.options.now();
    const { token, expiresIn } = await this.request();
    const lifetimeMs = expiresIn * 1000;
    this.current = { token, expiresAtMs: issuedAt + lifetimeMs };
    this.fetched += 1;
    const refreshInMs = lifetimeMs * (1 - this.config.refreshPercentage / 100);
    this.options.logger('info', 'Token acquired.', {
      ExpiresIn: expiresIn,
      RefreshInSeconds: Math.round(refreshInMs / 1000),
    });
    this.schedule(refreshInMs);
  }

  private async assertion(): Promise<string> {
    const now = Math.floor(this.options.now() / 1000);
    return new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'PS256', typ: 'JWT', 'x5t#S256': this.credential.thumbprint })
      .setIssuer(this.credential.clientId)
      .setSubject(this.credential.clientId)
      .setAudience(this.tokenEndpoint)
      .setNotBefore(now)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(this.credential.key);
  }

  private async request(): Promise<{ token: string; expiresIn: number }> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.config.clientId,
      scope: this.config.audience,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await this.assertion(),
    }).toString();
    const { status, body } = await post(this.tokenEndpoint, form, this.options.ca);
    let parsed: {
      access_token?: string;
      expires_in?: number | string;
      error?: string;
      error_description?: string;
    } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // Not JSON: reported with the raw body below.
    }
    if (status !== 200 || !parsed.access_token) {
      throw new TokenRequestFailed(
        parsed.error_description
          ? `${parsed.error}: ${parsed.error_description}`
          : `The token endpoint answered ${status}.`,
        status,
        body,
      );
    }
    return { token: parsed.access_token, expiresIn: Number(parsed.expires_in ?? 3600) };
  }
}

export function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function post(
  url: string,
  form: string,
  ca: string | undefined,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(form),
        },
        ...(ca ? { ca } : {}),
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`No answer from ${url} within 30 s.`)));
    request.on('error', (error) =>
      reject(
        new TokenRequestFailed(
          `Could not reach the token endpoint ${url}: ${error.message}`,
          undefined,
          '',
        ),
      ),
    );
    request.end(form);
  });
}
