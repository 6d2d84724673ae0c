import {
  wellKnownKustoEndpoints,
  wellKnownMonitorApiHosts,
  wellKnownMonitorApiResources,
  wellKnownPrometheusEndpoints,
} from './well-known-kusto-endpoints';

/**
 * Which URLs may receive an access token.
 *
 * Built in: `https` hosts under the Kusto suffixes of every cloud, the exact Kusto proxy hosts,
 * and the App Insights / Log Analytics APIs. Nothing else unless config.json lists it in
 * `trustedHosts`, as an exact origin (`http://localhost:5181`) or an https wildcard
 * (`https://*.example.com`).
 *
 * Unlike the Kusto SDKs, loopback (`localhost`, `127.0.0.1`, `[::1]`) is NOT trusted by default:
 * in a browser, any page the user opens (or a crafted link into the console) could point a
 * connection at a local port, and whatever listens there would receive the user's token. Local
 * stand-ins are added explicitly through `trustedHosts`.
 */
export interface TrustedHostPolicy {
  readonly suffixes: readonly string[];
  readonly exactHosts: ReadonlySet<string>;
  /** Exact origins from config (scheme + host + non-default port), e.g. `http://localhost:5181`. */
  readonly extraOrigins: ReadonlySet<string>;
  /** `https://*.example.com[:port]` entries: any subdomain of `suffix`, on `port` ('' = 443). */
  readonly extraWildcards: readonly { suffix: string; port: string }[];
  /** config.json connections that name their token's resource: endpoint origin → resource. */
  readonly configuredAudiences: ReadonlyMap<string, string>;
}

export type TokenTargetVerdict =
  { ok: true; origin: string; resource: string } | { ok: false; reason: string };

export function createTrustedHostPolicy(options: {
  extraHosts: readonly string[];
  /** From config.json: endpoints whose token resource the deployment chose explicitly. */
  configuredAudiences?: readonly { endpoint: string; resource: string }[];
}): TrustedHostPolicy {
  const extraOrigins = new Set<string>();
  const extraWildcards: { suffix: string; port: string }[] = [];
  for (const entry of options.extraHosts) {
    const parsed = parseExtraHost(entry);
    if (!parsed.ok) throw new Error(`trustedHosts entry "${entry}" ${parsed.reason}`);
    if (parsed.wildcard) extraWildcards.push(parsed.wildcard);
    else extraOrigins.add(parsed.origin);
  }
  return {
    suffixes: [
      ...wellKnownKustoEndpoints.flatMap((cloud) => cloud.suffixes),
      ...wellKnownPrometheusEndpoints.map((cloud) => cloud.suffix),
    ],
    exactHosts: new Set([
      ...wellKnownKustoEndpoints.flatMap((cloud) => cloud.hostnames),
      ...wellKnownMonitorApiHosts,
    ]),
    extraOrigins,
    extraWildcards,
    configuredAudiences: new Map(
      (options.configuredAudiences ?? []).flatMap(({ endpoint, resource }) => {
        const origin = parseStrictUrl(endpoint);
        return origin.ok ? [[origin.url.origin, resource.replace(/\/+$/, '')] as const] : [];
      }),
    ),
  };
}

/**
 * The resource a token sent to `origin` must be issued for: what config.json names for that
 * endpoint, else the cloud's App Insights / Log Analytics resource for its API hosts, else the
 * origin itself (a Kusto cluster is its own audience). So a token for the App Insights API,
 * which reads every App Insights resource the user can see, never goes to another host.
 */
export function audienceFor(origin: string, policy: TrustedHostPolicy): string {
  const configured = policy.configuredAudiences.get(origin);
  if (configured) return configured;
  const url = new URL(origin);
  const standardPort = url.protocol === 'https:' && url.port === '';
  const wellKnown = standardPort ? wellKnownMonitorApiResources[url.hostname] : undefined;
  // A workspace's Prometheus endpoint is not its own audience: every workspace of a cloud shares one.
  const prometheus = standardPort
    ? wellKnownPrometheusEndpoints.find((cloud) =>
        isStrictSubdomain(url.hostname, cloud.suffix.slice(1)),
      )
    : undefined;
  return wellKnown ?? prometheus?.resource ?? origin;
}

/** For config validation: null when `entry` is a usable trustedHosts entry, else why not. */
export function describeExtraHostProblem(entry: string): string | null {
  const parsed = parseExtraHost(entry);
  return parsed.ok ? null : parsed.reason;
}

/**
 * Decides whether a token may be sent to `url`, and for which resource it must be issued (see
 * `audienceFor`). A caller asking for another resource (`requestedResource`, e.g. from a stored
 * or linked connection) is refused: the audience follows the target, not the request.
 */
export function checkTokenTarget(
  url: string,
  policy: TrustedHostPolicy,
  requestedResource?: string,
): TokenTargetVerdict {
  const parsed = parseStrictUrl(url);
  if (!parsed.ok) return parsed;
  const target = parsed.url;
  const host = target.hostname;
  const origin = target.origin;
  const allow = (): TokenTargetVerdict => {
    const resource = audienceFor(origin, policy);
    const requested = requestedResource?.replace(/\/+$/, '');
    if (requested !== undefined && requested !== resource) {
      return deny(
        `a token for ${requested} is sent only to that service's own API hosts or to an endpoint config.json connects with "resource": "${requested}"; ${origin} gets tokens for ${resource} only`,
      );
    }
    return { ok: true, origin, resource };
  };

  // Config entries are explicit decisions by the deployment, so they win over the rules below.
  if (policy.extraOrigins.has(origin)) return allow();
  if (target.protocol === 'https:') {
    for (const wildcard of policy.extraWildcards) {
      if (target.port === wildcard.port && isStrictSubdomain(host, wildcard.suffix)) return allow();
    }
  }

  if (target.protocol !== 'https:') {
    return deny(
      `${origin} is not https; tokens are only sent over https (add the exact origin to trustedHosts for a local stand-in)`,
    );
  }
  if (isIpLiteral(host)) return deny(`${host} is an IP address, not a known Kusto host`);
  if (host.split('.').some((label) => label.startsWith('xn--'))) {
    return deny(
      `${host} is an internationalized (punycode) name; Kusto host names are plain ASCII`,
    );
  }
  const known =
    policy.exactHosts.has(host) || policy.suffixes.some((s) => isStrictSubdomain(host, s.slice(1)));
  if (!known) {
    return deny(
      `${host} is not a known Kusto host (see https://aka.ms/kustotrustedendpoints); add it to trustedHosts in config.json if you trust it`,
    );
  }
  if (target.port !== '') {
    return deny(
      `${host} is a Kusto host but port ${target.port} is not the https port; clusters listen on 443`,
    );
  }
  return allow();
}

function deny(reason: string): TokenTargetVerdict {
  return { ok: false, reason };
}

type StrictUrl = { ok: true; url: URL } | { ok: false; reason: string };

function parseStrictUrl(raw: string): StrictUrl {
  // The URL parser silently drops tabs/newlines and trims spaces; refuse them instead of guessing.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(raw))
    return { ok: false, reason: 'the URL contains whitespace or control characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `"${raw}" is not a valid absolute URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `${url.protocol} URLs cannot receive tokens` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'URLs with a user name or password (user@host) are refused' };
  }
  if (url.hostname.endsWith('.')) {
    return { ok: false, reason: `remove the trailing dot from ${url.hostname}` };
  }
  return { ok: true, url };
}

type ParsedExtraHost =
  | { ok: true; origin: string; wildcard: null }
  | { ok: true; origin: string; wildcard: { suffix: string; port: string } }
  | { ok: false; reason: string };

function parseExtraHost(entry: string): ParsedExtraHost {
  const wildcardMatch = /^https:\/\/\*\.([^/]+?)\/?$/.exec(entry);
  const candidate = wildcardMatch ? `https://wildcard.${wildcardMatch[1]}` : entry;
  const parsed = parseStrictUrl(candidate);
  if (!parsed.ok) return parsed;
  const { url } = parsed;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'must be an origin (scheme://host[:port]) without a path' };
  }
  if (!wildcardMatch) {
    if (url.hostname.includes('*')) {
      return { ok: false, reason: 'wildcards are only allowed as https://*.<domain>' };
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
      return {
        ok: false,
        reason: `must be https: tokens would travel in clear text to ${url.host} (http is allowed only for localhost, 127.0.0.1 and [::1])`,
      };
    }
    return { ok: true, origin: url.origin, wildcard: null };
  }
  const suffix = url.hostname.slice('wildcard.'.length);
  if (suffix.split('.').length < 2 || isIpLiteral(suffix)) {
    return {
      ok: false,
      reason: 'wildcards must cover a domain with at least two labels (https://*.example.com)',
    };
  }
  return { ok: true, origin: url.origin, wildcard: { suffix, port: url.port } };
}

/** http is tolerated only where nothing crosses the network: the local stand-ins. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** `host` is a subdomain of `domain` (at any depth), never `domain` itself or a look-alike. */
function isStrictSubdomain(host: string, domain: string): boolean {
  return host.length > domain.length + 1 && host.endsWith(`.${domain}`);
}

function isIpLiteral(host: string): boolean {
  // The URL parser already turned decimal/hex/octal IPv4 forms into dotted quads.
  return host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host);
}
