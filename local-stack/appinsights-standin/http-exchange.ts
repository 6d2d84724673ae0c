/** One HTTP request to the stand-in: ids, CORS, body reading (gzip/deflate) and JSON answers. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  method: string;
  /** `x-ms-request-id`: the client's `x-ms-client-request-id`, else new. */
  requestId: string;
  /** `x-ms-correlation-request-id`, also `correlationId` in error bodies. */
  correlationId: string;
  /** Filled in by handlers for the request log. */
  logged: { appId: string | null; query: string | null; caller: string | null };
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'x-ms-app',
  'x-ms-client-request-id',
  'x-ms-correlation-request-id',
  'prefer',
  'x-api-key',
].join(', ');
export const EXPOSED_HEADERS = 'x-ms-request-id, x-ms-correlation-request-id, retry-after';

function firstHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

export function header(exchange: Exchange, name: string): string | undefined {
  return firstHeader(exchange.request, name);
}

export function beginExchange(request: IncomingMessage, response: ServerResponse): Exchange {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const requestId = firstHeader(request, 'x-ms-client-request-id') ?? randomUUID();
  const correlationId = firstHeader(request, 'x-ms-correlation-request-id') ?? requestId;
  response.setHeader('x-ms-request-id', requestId);
  response.setHeader('x-ms-correlation-request-id', correlationId);
  const origin = request.headers.origin;
  // /__admin answers no web page: no CORS headers at all there.
  if (origin && !url.pathname.startsWith('/__admin')) {
    // Like Azure: any origin may call; the token, not the origin, is the gate.
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    response.setHeader('Vary', 'Origin');
  }
  return {
    request,
    response,
    url,
    method: request.method ?? 'GET',
    requestId,
    correlationId,
    logged: { appId: null, query: null, caller: null },
  };
}

export function answerPreflight(exchange: Exchange): void {
  exchange.response.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': '3600',
  });
  exchange.response.end();
}

export function sendJson(
  exchange: Exchange,
  status: number,
  body: unknown,
  options: { headers?: Record<string, string>; statusMessage?: string } = {},
): void {
  const text = JSON.stringify(body);
  const headers = {
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': String(Buffer.byteLength(text)),
    ...options.headers,
  };
  if (options.statusMessage) exchange.response.writeHead(status, options.statusMessage, headers);
  else exchange.response.writeHead(status, headers);
  exchange.response.end(text);
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

/** The request body, decompressed per `Content-Encoding` (gzip, deflate). */
export async function readBody(exchange: Exchange, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of exchange.request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes)
      throw new BodyError(413, `The request body is larger than ${limitBytes} bytes.`);
    chunks.push(buffer);
  }
  const raw = Buffer.concat(chunks);
  const encoding = (header(exchange, 'content-encoding') ?? '').trim().toLowerCase();
  try {
    if (encoding === 'gzip') return await gunzip(raw, { maxOutputLength: limitBytes });
    if (encoding === 'deflate') return await inflate(raw, { maxOutputLength: limitBytes });
  } catch {
    throw new BodyError(400, `The body could not be decompressed as ${encoding}.`);
  }
  if (encoding && encoding !== 'identity') {
    throw new BodyError(415, `Content-Encoding '${encoding}' is not supported.`);
  }
  return raw;
}

export function isLoopback(request: IncomingMessage): boolean {
  const address = request.socket.remoteAddress ?? '';
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
