/**
 * Reads a Kusto REST request: POST JSON body `{db, csl, properties}` or GET query string, with
 * `properties` either an object or a JSON-encoded string of one (both appear in the docs).
 */
import type { IncomingMessage } from 'node:http';

export interface ClientRequestProperties {
  Options: Record<string, unknown>;
  Parameters: Record<string, unknown>;
  ClientRequestId?: string;
}

export interface KustoRequest {
  db: string;
  csl: string;
  properties: ClientRequestProperties;
}

export class RequestFormatError extends Error {}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function readKustoRequest(request: IncomingMessage, url: URL): Promise<KustoRequest> {
  if (request.method === 'GET') {
    return normalize({
      db: url.searchParams.get('db') ?? undefined,
      csl: url.searchParams.get('csl') ?? undefined,
      properties: url.searchParams.get('properties') ?? undefined,
    });
  }
  const text = await readBody(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RequestFormatError('The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestFormatError('The request body must be a JSON object with "db" and "csl".');
  }
  return normalize(body as Record<string, unknown>);
}

function normalize(raw: Record<string, unknown>): KustoRequest {
  if (typeof raw.csl !== 'string' || raw.csl.trim() === '') {
    throw new RequestFormatError('The request has no "csl" (query or command text).');
  }
  return {
    db: typeof raw.db === 'string' ? raw.db : '',
    csl: raw.csl,
    properties: parseProperties(raw.properties),
  };
}

function parseProperties(raw: unknown): ClientRequestProperties {
  let value = raw;
  if (typeof value === 'string') {
    if (value.trim() === '') value = {};
    else {
      try {
        value = JSON.parse(value);
      } catch {
        throw new RequestFormatError('"properties" is a string but not valid JSON.');
      }
    }
  }
  if (value === undefined || value === null) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new RequestFormatError('"properties" must be an object (or a JSON string of one).');
  }
  const props = value as Record<string, unknown>;
  const options = props.Options ?? props.options ?? {};
  const parameters = props.Parameters ?? props.parameters ?? {};
  return {
    Options:
      typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {},
    Parameters:
      typeof parameters === 'object' && parameters !== null
        ? (parameters as Record<string, unknown>)
        : {},
    ClientRequestId: typeof props.ClientRequestId === 'string' ? props.ClientRequestId : undefined,
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RequestFormatError('The request body is too large.'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Request options are case-insensitive in practice; booleans may arrive as strings. */
export function optionValue(options: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(options).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : options[key];
}

export function optionFlag(options: Record<string, unknown>, name: string): boolean {
  const v = optionValue(options, name);
  return v === true || v === 'true' || v === 'True' || v === 1;
}

export function optionNumber(options: Record<string, unknown>, name: string): number | undefined {
  const v = optionValue(options, name);
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
