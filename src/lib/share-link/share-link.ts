import { timeRangeSchema, type TimeRange } from '../query/time-range';
import { clusterPathSegment, clusterUrlFromName, safeDecode } from './cluster-name';
import { gzipToBase64 } from './gzip-base64url';
import { decodeLinkQuery, formDecode, LinkQueryDecodeError, rawQueryParam } from './link-query';

/**
 * Links in and out, shaped like the Azure Data Explorer web UI's deep links
 * (kusto/api/rest/deeplink.md):
 *
 *   /clusters/<cluster>[/databases/<db>]?query=<base64(gzip(text)) or plain text>&name=…
 *
 * `<cluster>` is a short name (help), name.region, a full host, or a percent-encoded URL (as
 * Kusto.Explorer writes it). Quarry's own older form keeps working:
 *
 *   /?cluster=help.kusto.windows.net&database=Samples&query=H4sIA…
 *   /?appId=<id>&timespan=PT12H&query=H4sIA…          (App Insights, Quarry only)
 *
 * Opening a link never runs its query. Its cluster comes from whoever wrote the link: the caller
 * asks the user before anything is sent there (and runs the trusted-host check).
 */

/** The longest link we produce; proxies and chat tools start cutting links beyond ~8 KB. */
export const MAX_SHARE_LINK_LENGTH = 8192;
/** Kusto Explorer's ceiling; above it some tools may truncate the link (worth a note in the UI). */
export const LONG_SHARE_LINK_LENGTH = 2000;
/** Links from elsewhere (ADX) may be longer than ours; still, refuse absurd ones. */
const MAX_DECODED_URL_LENGTH = 65_536;
const MAX_SHARED_QUERY_BYTES = 1_000_000;
export const DEFAULT_APPINSIGHTS_ENDPOINT = 'https://api.applicationinsights.io';
export const ADX_WEB_ORIGIN = 'https://dataexplorer.azure.com';

/** Query-string parameters a link consists of; removed from the address bar once read. */
const LINK_PARAMS = [
  'cluster',
  'database',
  'query',
  'appId',
  'endpoint',
  'timespan',
  'name',
  'tenant',
  'login_hint',
  'web',
  'querysrc',
  'autorun',
  'uri',
] as const;
/** Accepted and deliberately not acted on (see README, "Links"). */
const IGNORED_PARAMS = ['web', 'querysrc', 'autorun'] as const;

const CLUSTER_PATH = /\/clusters\/(.+?)(?:\/databases\/([^/]+))?\/?$/i;

/** `/clusters/<cluster>[/databases/<db>]` in a path, decoded; null when the path is not one. */
export function clusterPathParts(
  pathname: string,
): { cluster: string; database: string | null } | null {
  const match = CLUSTER_PATH.exec(pathname);
  if (!match) return null;
  return { cluster: safeDecode(match[1]!), database: match[2] ? safeDecode(match[2]) : null };
}

export interface KustoShareTarget {
  clusterUrl: string;
  database: string;
  text: string;
}

export interface AppInsightsShareTarget {
  appId: string;
  /** Omitted or the public endpoint: not written to the link. */
  endpoint?: string;
  timeRange?: TimeRange;
  text: string;
}

export type ShareTarget = KustoShareTarget | AppInsightsShareTarget;

export type LinkTarget =
  | { kind: 'kusto'; clusterUrl: string; database: string | null }
  | {
      kind: 'appinsights';
      appId: string;
      /**
       * The `endpoint=` the link asked for, if any: a link may not introduce a new endpoint, so
       * the caller uses it only when it is one the user already has.
       */
      requestedEndpoint: string | null;
      timeRange?: TimeRange;
    };

export interface OpenedLink {
  target: LinkTarget;
  /** The query text, or null when the link names only a cluster/database. */
  text: string | null;
  /** `name=`: the tab's name. */
  name: string | null;
  /** `tenant=` and `login_hint=`: handed to sign-in. */
  tenant: string | null;
  loginHint: string | null;
  /** Parameters present and deliberately ignored (web, querysrc, autorun). */
  ignored: string[];
}

export type ShareLinkErrorKind =
  | 'too-long'
  | 'bad-base64'
  | 'bad-encoding'
  | 'not-gzip'
  | 'not-utf8'
  | 'missing-query'
  | 'missing-target'
  | 'bad-cluster'
  | 'bad-time-range';

export class ShareLinkError extends Error {
  constructor(
    readonly kind: ShareLinkErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

export function isKustoShareTarget(target: ShareTarget): target is KustoShareTarget {
  return 'clusterUrl' in target;
}

export interface EncodeOptions {
  /** Defaults to the current page's origin. */
  origin?: string;
  /** Path of the console on that origin, ending in "/"; defaults to "/". */
  path?: string;
}

/**
 * Builds the link; throws ShareLinkError('too-long') when it would exceed 8 KB. Kusto links are
 * ADX-shaped (swap the origin for https://dataexplorer.azure.com and ADX opens the same query).
 */
export async function encodeShareLink(
  target: ShareTarget,
  options: EncodeOptions = {},
): Promise<string> {
  const base = options.path ?? '/';
  const origin = options.origin ?? globalThis.location.origin;
  const query = encodeURIComponent(await gzipToBase64(target.text));
  let link: string;
  if (isKustoShareTarget(target)) {
    link = new URL(`${base}${kustoLinkPath(target.clusterUrl, target.database)}`, origin).href;
    link += `?query=${query}`;
  } else {
    const url = new URL(base, origin);
    url.searchParams.set('appId', target.appId);
    const endpoint = target.endpoint && new URL(target.endpoint).origin;
    if (endpoint && endpoint !== DEFAULT_APPINSIGHTS_ENDPOINT) {
      url.searchParams.set('endpoint', endpoint);
    }
    if (target.timeRange) url.searchParams.set('timespan', timespanParam(target.timeRange));
    link = `${url.href}&query=${query}`;
  }
  if (link.length > MAX_SHARE_LINK_LENGTH) {
    throw new ShareLinkError(
      'too-long',
      `This query is too long to share as a link (the link would be ${link.length.toLocaleString('en-US')} characters; the limit is ${MAX_SHARE_LINK_LENGTH.toLocaleString('en-US')}). Share the query text instead.`,
    );
  }
  return link;
}

/** The same query in the Azure Data Explorer web UI (dataexplorer.azure.com). */
export async function adxWebLink(target: KustoShareTarget): Promise<string> {
  return encodeShareLink(target, { origin: ADX_WEB_ORIGIN });
}

/** `clusters/<cluster>/databases/<db>`, relative. */
export function kustoLinkPath(clusterUrl: string, database: string): string {
  return `clusters/${clusterPathSegment(clusterUrl)}/databases/${encodeURIComponent(database)}`;
}

export interface ReadLinkOptions {
  /**
   * Also read a cluster's own URL (`https://help.kusto.windows.net/Samples?query=…`, the doc's
   * redirecting form and Kusto.Explorer's "Desktop" link). For pasted links, not the address bar.
   */
  clusterHostLinks?: boolean;
}

/** Whether a URL is a link to open (ADX path form, or Quarry's cluster/app/query parameters). */
export function isShareLink(url: string | URL, options: ReadLinkOptions = {}): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (CLUSTER_PATH.test(parsed.pathname)) return true;
  if (['query', 'cluster', 'appId'].some((name) => rawQueryParam(parsed.search, name) !== null))
    return true;
  return options.clusterHostLinks === true && clusterHostOf(parsed) !== null;
}

/** The address without the link: path back to the console's root, link parameters removed. */
export function withoutShareParams(url: string | URL): string {
  const parsed = new URL(url);
  parsed.pathname = parsed.pathname.replace(CLUSTER_PATH, '/');
  const kept = parsed.search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => {
      if (pair === '') return false;
      const key = formDecode(pair.split('=')[0]!)?.toLowerCase();
      return !LINK_PARAMS.some((name) => name.toLowerCase() === key);
    });
  parsed.search = kept.length ? `?${kept.join('&')}` : '';
  return parsed.toString();
}

/**
 * Reads a link's target and parameters without decoding its query (synchronous: sign-in needs
 * `tenant` and `login_hint` before the workspace exists). Throws ShareLinkError.
 */
export function readLinkTarget(
  url: string | URL,
  options: ReadLinkOptions = {},
): Omit<OpenedLink, 'text'> & { rawQuery: string | null } {
  if (String(url).length > MAX_DECODED_URL_LENGTH) {
    throw new ShareLinkError('too-long', 'The link is too long to open.');
  }
  const parsed = parseUrl(url);
  if (!parsed) throw new ShareLinkError('missing-target', 'This is not a link.');
  const param = (name: string) => {
    const raw = rawQueryParam(parsed.search, name);
    const value = raw === null ? null : formDecode(raw);
    return value === null || value.trim() === '' ? null : value.trim();
  };
  const path = clusterPathParts(parsed.pathname);
  const host = options.clusterHostLinks ? clusterHostOf(parsed) : null;
  const cluster = param('uri') ?? param('cluster') ?? path?.cluster ?? host?.cluster ?? null;
  const appId = param('appId');

  let target: LinkTarget;
  if (cluster) {
    const named = clusterUrlFromName(cluster);
    if (!named.ok) {
      throw new ShareLinkError('bad-cluster', `The link's cluster "${cluster}": ${named.message}`);
    }
    const database = param('database') ?? path?.database ?? host?.database ?? named.database;
    target = { kind: 'kusto', clusterUrl: named.url, database };
  } else if (appId) {
    const timespan = param('timespan');
    target = {
      kind: 'appinsights',
      appId,
      requestedEndpoint: param('endpoint'),
      ...(timespan ? { timeRange: timeRangeFromParam(timespan) } : {}),
    };
  } else {
    throw new ShareLinkError(
      'missing-target',
      'The link does not say which cluster (or App Insights app) the query is for.',
    );
  }
  return {
    target,
    rawQuery: rawQueryParam(parsed.search, 'query'),
    name: param('name'),
    tenant: param('tenant'),
    loginHint: param('login_hint'),
    ignored: IGNORED_PARAMS.filter((name) => rawQueryParam(parsed.search, name) !== null),
  };
}

/** Reads a link completely, query text included. Throws ShareLinkError. */
export async function decodeShareLink(
  url: string | URL,
  options: ReadLinkOptions = {},
): Promise<OpenedLink> {
  const { rawQuery, ...link } = readLinkTarget(url, options);
  if (link.target.kind === 'appinsights' && !rawQuery) {
    throw new ShareLinkError('missing-query', 'The link does not contain a query.');
  }
  return { ...link, text: rawQuery ? await decodeQuery(rawQuery) : null };
}

async function decodeQuery(raw: string): Promise<string> {
  try {
    return await decodeLinkQuery(raw, MAX_SHARED_QUERY_BYTES);
  } catch (error) {
    if (error instanceof LinkQueryDecodeError)
      throw new ShareLinkError(error.reason, error.message);
    throw error;
  }
}

/** `https://help.kusto.windows.net/Samples` → that cluster and database (not for our own pages). */
function clusterHostOf(url: URL): { cluster: string; database: string | null } | null {
  if (url.origin === ADX_WEB_ORIGIN || url.origin === globalThis.location?.origin) return null;
  if (url.protocol !== 'https:') return null;
  const first = url.pathname.split('/').find((segment) => segment !== '');
  return { cluster: url.origin, database: first ? safeDecode(first) : null };
}

function timespanParam(range: TimeRange): string {
  return range.kind === 'relative' ? range.duration : `${range.from}/${range.to}`;
}

function timeRangeFromParam(value: string): TimeRange {
  const parts = value.split('/');
  const candidate =
    parts.length === 1
      ? { kind: 'relative', duration: parts[0] }
      : { kind: 'absolute', from: parts[0], to: parts[1] };
  const result = timeRangeSchema.safeParse(candidate);
  if (!result.success || parts.length > 2) {
    throw new ShareLinkError(
      'bad-time-range',
      `The link's time range "${value}" is neither an ISO-8601 duration (PT12H) nor a start/end pair.`,
    );
  }
  return result.data;
}

function parseUrl(url: string | URL): URL | null {
  try {
    // Relative links ("/?cluster=…") are read against a placeholder origin.
    return new URL(url, 'http://relative.invalid');
  } catch {
    return null;
  }
}
