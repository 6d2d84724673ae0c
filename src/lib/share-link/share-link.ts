import { savedTimeRangeSchema, type SavedTimeRange } from '../saved-query-store/saved-query-types';
import { base64UrlToGunzip, DecodeError, gzipToBase64Url } from './gzip-base64url';

/**
 * Share links in the style of the ADX web UI's deep links: the query travels as
 * base64url(gzip(UTF-8 text)) in `query`, next to the cluster and database (or the App Insights
 * app and time range):
 *
 *   /?cluster=help.kusto.windows.net&database=Samples&query=H4sIA…
 *   /?appId=<id>&timespan=PT12H&query=H4sIA…
 *
 * Opening a link only fills in the query; it never runs it. A decoded cluster or endpoint comes
 * from whoever wrote the link: the caller must pass it through the trusted-host policy before
 * any token is sent there.
 */

/** The longest link we produce; proxies and chat tools start cutting links beyond ~8 KB. */
export const MAX_SHARE_LINK_LENGTH = 8192;
/** Kusto Explorer's ceiling; above it some tools may truncate the link (worth a note in the UI). */
export const LONG_SHARE_LINK_LENGTH = 2000;
/** Links from elsewhere (ADX) may be longer than ours; still, refuse absurd ones. */
const MAX_DECODED_URL_LENGTH = 65_536;
const MAX_SHARED_QUERY_BYTES = 1_000_000;
const DEFAULT_APPINSIGHTS_ENDPOINT = 'https://api.applicationinsights.io';
const SHARE_PARAMS = ['cluster', 'database', 'query', 'appId', 'endpoint', 'timespan'] as const;

export interface KustoShareTarget {
  clusterUrl: string;
  database: string;
  text: string;
}

export interface AppInsightsShareTarget {
  appId: string;
  /** Omitted or the public endpoint: not written to the link. */
  endpoint?: string;
  timeRange?: SavedTimeRange;
  text: string;
}

export type ShareTarget = KustoShareTarget | AppInsightsShareTarget;

export type ShareLinkErrorKind =
  | 'too-long'
  | 'bad-base64'
  | 'not-gzip'
  | 'not-utf8'
  | 'missing-query'
  | 'missing-target'
  | 'bad-cluster'
  | 'bad-endpoint'
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
  /** Path of the console on that origin; defaults to "/". */
  path?: string;
}

/** Builds the link; throws ShareLinkError('too-long') when it would exceed 8 KB. */
export async function encodeShareLink(
  target: ShareTarget,
  options: EncodeOptions = {},
): Promise<string> {
  const url = new URL(options.path ?? '/', options.origin ?? globalThis.location.origin);
  if (isKustoShareTarget(target)) {
    url.searchParams.set('cluster', clusterParam(target.clusterUrl));
    url.searchParams.set('database', target.database);
  } else {
    url.searchParams.set('appId', target.appId);
    const endpoint = target.endpoint && new URL(target.endpoint).origin;
    if (endpoint && endpoint !== DEFAULT_APPINSIGHTS_ENDPOINT) {
      url.searchParams.set('endpoint', endpoint);
    }
    if (target.timeRange) url.searchParams.set('timespan', timespanParam(target.timeRange));
  }
  url.searchParams.set('query', await gzipToBase64Url(target.text));
  const link = url.toString();
  if (link.length > MAX_SHARE_LINK_LENGTH) {
    throw new ShareLinkError(
      'too-long',
      `This query is too long to share as a link (the link would be ${link.length.toLocaleString('en-US')} characters; the limit is ${MAX_SHARE_LINK_LENGTH.toLocaleString('en-US')}). Share the query text instead.`,
    );
  }
  return link;
}

/** Whether a URL carries a shared query (ours, or an ADX deep link's path form). */
export function isShareLink(url: string | URL): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.searchParams.has('query');
}

/** The URL without the share parameters, for `history.replaceState` after opening a link. */
export function withoutShareParams(url: string | URL): string {
  const parsed = new URL(url);
  for (const name of SHARE_PARAMS) parsed.searchParams.delete(name);
  return parsed.toString();
}

/**
 * Reads a share link. Accepts our form and ADX's path form
 * (`/clusters/<cluster>/databases/<db>?query=…`); a short cluster name such as `help` means
 * `https://help.kusto.windows.net`, as in ADX.
 */
export async function decodeShareLink(url: string | URL): Promise<ShareTarget> {
  if (String(url).length > MAX_DECODED_URL_LENGTH) {
    throw new ShareLinkError('too-long', 'The link is too long to open.');
  }
  const parsed = parseUrl(url);
  const encoded = parsed?.searchParams.get('query');
  if (!parsed || !encoded) {
    throw new ShareLinkError('missing-query', 'The link does not contain a query.');
  }
  const path = /\/clusters\/([^/]+)\/databases\/([^/]+)\/?$/.exec(parsed.pathname);
  const cluster = parsed.searchParams.get('cluster') ?? (path && decodeURIComponent(path[1]!));
  const database = parsed.searchParams.get('database') ?? (path && decodeURIComponent(path[2]!));
  const appId = parsed.searchParams.get('appId');

  let target: Omit<KustoShareTarget, 'text'> | Omit<AppInsightsShareTarget, 'text'>;
  if (cluster) {
    if (!database) {
      throw new ShareLinkError('missing-target', 'The link names a cluster but no database.');
    }
    target = { clusterUrl: clusterUrlFromParam(cluster), database };
  } else if (appId) {
    const endpointParam = parsed.searchParams.get('endpoint');
    const timespan = parsed.searchParams.get('timespan');
    target = {
      appId,
      endpoint: endpointParam ? endpointFromParam(endpointParam) : DEFAULT_APPINSIGHTS_ENDPOINT,
      ...(timespan ? { timeRange: timeRangeFromParam(timespan) } : {}),
    };
  } else {
    throw new ShareLinkError(
      'missing-target',
      'The link does not say which cluster and database (or App Insights app) the query is for.',
    );
  }
  return { ...target, text: await decodeQuery(encoded) };
}

async function decodeQuery(encoded: string): Promise<string> {
  try {
    return await base64UrlToGunzip(encoded, MAX_SHARED_QUERY_BYTES);
  } catch (error) {
    if (error instanceof DecodeError) throw new ShareLinkError(error.reason, error.message);
    throw error;
  }
}

/** `https://host` without a port or path → `host`; anything else stays a full origin. */
function clusterParam(clusterUrl: string): string {
  const url = new URL(clusterUrl);
  return url.protocol === 'https:' && !url.port ? url.host : url.origin;
}

function clusterUrlFromParam(value: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value)
    ? value
    : /[.:]/.test(value)
      ? `https://${value}`
      : `https://${value}.kusto.windows.net`;
  const url = parseUrl(withScheme);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
    throw new ShareLinkError(
      'bad-cluster',
      `The link's cluster "${value}" is not a cluster address.`,
    );
  }
  return url.origin;
}

function endpointFromParam(value: string): string {
  const url = parseUrl(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ShareLinkError(
      'bad-endpoint',
      `The link's endpoint "${value}" is not an http(s) URL.`,
    );
  }
  return url.origin;
}

function timespanParam(range: SavedTimeRange): string {
  return range.kind === 'relative' ? range.duration : `${range.from}/${range.to}`;
}

function timeRangeFromParam(value: string): SavedTimeRange {
  const parts = value.split('/');
  const candidate =
    parts.length === 1
      ? { kind: 'relative', duration: parts[0] }
      : { kind: 'absolute', from: parts[0], to: parts[1] };
  const result = savedTimeRangeSchema.safeParse(candidate);
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
