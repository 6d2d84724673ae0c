/**
 * A local Entra authorization proxy with the seed's contract (Microsoft's aad-auth-proxy): it gets
 * tokens for its own identity and forwards every request to TARGET_HOST with
 * `Authorization: Bearer <its token>`, so a caller that cannot do Entra (a Prometheus agent, or
 * Quarry with a `proxy` connection) sends no token at all. `/health` answers while the process
 * runs; `/ready` only while it holds an unexpired token. At start it fetches a token and, when it
 * cannot, logs its configuration and the identity provider's error and does not start.
 *
 * Because anyone who can reach it acts with its identity, browsers get CORS only for the origins
 * in CORS_ALLOWED_ORIGINS (the local consoles), never a reflected `*`.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from '../http/loopback-server.ts';
import { describeConfig, type ProxyConfig } from './proxy-config.ts';
import type { ProxyLogger } from './proxy-log.ts';
import {
  TokenRequestFailed,
  TokenSource,
  credentialFromPem,
  describeFailure,
  realTimers,
  type Timers,
} from './token-source.ts';

export interface AuthProxyOptions {
  logger: ProxyLogger;
  timers?: Timers;
  now?: () => number;
}

export interface RunningAuthProxy {
  url: string;
  tokens: TokenSource;
  close(): Promise<void>;
}

export class ProxyStartError extends Error {}

/** Request headers never forwarded: hop-by-hop ones, and the caller's own credentials. */
const droppedRequestHeaders = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'authorization',
  'cookie',
  'origin',
  'referer',
]);
const droppedResponseHeaders = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'set-cookie',
]);

export async function startAuthProxy(
  config: ProxyConfig,
  options: AuthProxyOptions,
): Promise<RunningAuthProxy> {
  const { logger } = options;
  const now = options.now ?? Date.now;
  logger('info', 'Starting the authorization proxy.', describeConfig(config));
  let ca: string | undefined;
  let tokens: TokenSource;
  try {
    ca = config.caFile ? await readFile(config.caFile, 'utf8') : undefined;
    const pem = await readFile(config.certificatePath, 'utf8');
    tokens = new TokenSource(config, credentialFromPem(config.clientId, pem), {
      logger,
      timers: options.timers ?? realTimers,
      now,
      ca,
    });
  } catch (error) {
    const message = `Cannot read the client certificate ${config.certificatePath}: ${describeFailure(error)}`;
    logger('error', 'Failed to start the authorization proxy.', {
      ...describeConfig(config),
      Error: message,
    });
    throw new ProxyStartError(message, { cause: error });
  }
  try {
    await tokens.start();
  } catch (error) {
    const fields: Record<string, unknown> = {
      ...describeConfig(config),
      Error: describeFailure(error),
    };
    if (error instanceof TokenRequestFailed && error.status !== undefined)
      fields.StatusCode = error.status;
    logger(
      'error',
      'Failed to get a token for the configured identity; the proxy does not start.',
      fields,
    );
    tokens.stop();
    throw new ProxyStartError(`The proxy could not get a token: ${describeFailure(error)}`, {
      cause: error,
    });
  }

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    serve(request, response, config, tokens, logger).catch((error: unknown) => {
      logger('error', 'Failed to forward the request.', { Error: describeFailure(error) });
      if (!response.headersSent)
        sendText(response, 502, `The proxy failed: ${describeFailure(error)}`);
      else response.destroy();
    });
  };
  let server;
  try {
    server = await listenOnLoopback(handle, config.listeningPort);
  } catch (error) {
    tokens.stop();
    logger('error', 'Failed to listen.', {
      LISTENING_PORT: config.listeningPort,
      Error: describeFailure(error),
    });
    throw new ProxyStartError(
      `The proxy could not listen on ${config.listeningPort}: ${describeFailure(error)}`,
      {
        cause: error,
      },
    );
  }
  logger('info', 'Listening.', {
    Address: `http://localhost:${server.port}`,
    TargetHost: config.targetHost,
  });
  return {
    url: `http://localhost:${server.port}`,
    tokens,
    close: async () => {
      tokens.stop();
      await server.close();
    },
  };
}

function corsHeaders(request: IncomingMessage, config: ProxyConfig): Record<string, string> {
  const origin = request.headers.origin;
  if (!origin || !config.allowedOrigins.includes(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'x-ms-request-id, x-ms-client-request-id, status-code',
    Vary: 'Origin',
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  config: ProxyConfig,
  tokens: TokenSource,
  logger: ProxyLogger,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const cors = corsHeaders(request, config);
  if (url.pathname === '/health') {
    sendText(response, 200, 'Healthy', cors);
    return;
  }
  if (url.pathname === '/ready') {
    if (tokens.valid()) sendText(response, 200, 'Ready', cors);
    else sendText(response, 503, 'Not ready: the proxy holds no valid token.', cors);
    return;
  }
  if (request.method === 'OPTIONS' && request.headers.origin) {
    // Preflights are the browser's, not the target's: answered here, for allowed origins only.
    response.writeHead(Object.keys(cors).length > 0 ? 204 : 403, {
      ...cors,
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers':
        request.headers['access-control-request-headers'] ?? 'content-type, x-ms-client-request-id',
      'Access-Control-Max-Age': '600',
    });
    response.end();
    return;
  }
  if (request.headers.origin && Object.keys(cors).length === 0) {
    // A page from another origin must not act with the proxy's identity.
    sendText(
      response,
      403,
      `Origin ${request.headers.origin} may not use this proxy (CORS_ALLOWED_ORIGINS).`,
    );
    return;
  }
  const token = tokens.valid();
  if (!token) {
    logger('error', 'No valid token; the request is not forwarded.', { Request: url.pathname });
    sendText(
      response,
      503,
      'The proxy holds no valid token (see its log); try again shortly.',
      cors,
    );
    return;
  }
  const target = new URL(`${url.pathname}${url.search}`, config.targetHost);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !droppedRequestHeaders.has(name)) headers[name] = value;
  }
  headers.authorization = `Bearer ${token.token}`;
  const client = target.protocol === 'https:' ? https : http;
  await new Promise<void>((resolve) => {
    const upstream = client.request(target, { method: request.method, headers }, (answer) => {
      const status = answer.statusCode ?? 502;
      logger('info', 'Successfully sent request, returning response back.', {
        ContentLength: Number(answer.headers['content-length'] ?? -1),
        Request: target.toString(),
        StatusCode: status,
      });
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (
          value === undefined ||
          droppedResponseHeaders.has(name) ||
          name.startsWith('access-control-')
        )
          continue;
        if (name === 'vary') continue;
        out[name] = value;
      }
      response.writeHead(status, { ...out, ...cors, 'Status-Code': String(status) });
      if (status >= 400) {
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on('data', (chunk: Buffer) => {
          if (size < 2048) chunks.push(chunk);
          size += chunk.length;
        });
        answer.on('end', () =>
          logger('error', 'Non 2xx response from target host.', {
            StatusCode: status,
            Body: Buffer.concat(chunks).toString('utf8').slice(0, 2048),
          }),
        );
      }
      answer.pipe(response);
      answer.on('end', resolve);
      answer.on('error', () => {
        response.destroy();
        resolve();
      });
    });
    upstream.on('error', (error) => {
      logger('error', 'Failed to send request to the target host.', {
        Request: target.toString(),
        Error: error.message,
      });
      if (!response.headersSent) {
        sendText(
          response,
          502,
          `The proxy could not reach ${config.targetHost}: ${error.message}`,
          cors,
        );
      } else response.destroy();
      resolve();
    });
    request.pipe(upstream);
  });
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}
