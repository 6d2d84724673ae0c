/** One HTTP request to the stand-in and the helpers to answer it. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestIdentity } from './one-api-errors.ts';
import type { Principal } from './principals.ts';

export interface KustoExchange {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  ids: RequestIdentity;
  /** Set once the bearer token was validated. */
  principal: Principal | null;
  /** Filled in by handlers for the request log. */
  logged: { db: string | null; csl: string | null };
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function sendJson(
  exchange: KustoExchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  exchange.response.writeHead(status, { 'Content-Type': JSON_CONTENT_TYPE, ...headers });
  exchange.response.end(text);
}

export function sendText(
  exchange: KustoExchange,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  exchange.response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  exchange.response.end(text);
}
