/**
 * Cluster names the way the Azure Data Explorer web UI takes them, in Add cluster and in links:
 *
 *   help                                   → https://help.kusto.windows.net
 *   mycluster.westeurope                   → https://mycluster.westeurope.kusto.windows.net
 *   help.kusto.windows.net                 → https://help.kusto.windows.net
 *   https://help.kusto.windows.net/Samples → https://help.kusto.windows.net (database Samples)
 *   https%3a%2f%2fhelp.kusto.windows.net   → https://help.kusto.windows.net (Kusto.Explorer links)
 *
 * A `<name>.<region>` pair is recognised by its second label being an Azure public-cloud region
 * name; any other dotted name is taken as a full host (`kusto.contoso.com` stays itself).
 */

/** Azure public-cloud region names (`az account list-locations`), lower case. */
const AZURE_REGIONS = new Set([
  'australiacentral',
  'australiacentral2',
  'australiaeast',
  'australiasoutheast',
  'austriaeast',
  'belgiumcentral',
  'brazilsouth',
  'brazilsoutheast',
  'canadacentral',
  'canadaeast',
  'centralindia',
  'centralus',
  'chilecentral',
  'denmarkeast',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'francesouth',
  'germanynorth',
  'germanywestcentral',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'koreacentral',
  'koreasouth',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'northcentralus',
  'northeurope',
  'norwayeast',
  'norwaywest',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southafricawest',
  'southcentralus',
  'southeastasia',
  'southindia',
  'spaincentral',
  'swedencentral',
  'swedensouth',
  'switzerlandnorth',
  'switzerlandwest',
  'uaecentral',
  'uaenorth',
  'uksouth',
  'ukwest',
  'westcentralus',
  'westeurope',
  'westindia',
  'westus',
  'westus2',
  'westus3',
]);

const PUBLIC_KUSTO_SUFFIX = 'kusto.windows.net';

export type ClusterNameResult =
  | {
      ok: true;
      /** The cluster's origin, e.g. https://help.kusto.windows.net */
      url: string;
      /** A database named in the path of a full URL (`https://help.kusto.windows.net/Samples`). */
      database: string | null;
    }
  | { ok: false; message: string };

/** Reads a cluster name, host or URL as ADX does; says what is wrong otherwise. */
export function clusterUrlFromName(input: string): ClusterNameResult {
  let text = input.trim();
  if (!text) {
    return {
      ok: false,
      message: 'Enter the cluster: a name (help), name.region, a host or a URL.',
    };
  }
  // Kusto.Explorer writes the cluster URL percent-encoded into the path (https%3a%2f%2f…).
  if (/^[a-z][a-z0-9+.-]*%3a%2f%2f/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return { ok: false, message: `"${input.trim()}" is not a cluster name or URL.` };
    }
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${expandShortName(text)}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${input.trim()}" is not a cluster name or URL.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      message: `Clusters are reached over https, not ${url.protocol.replace(':', '')}.`,
    };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'A cluster URL must not contain a user name or password.' };
  }
  if (!url.hostname) return { ok: false, message: `"${input.trim()}" names no host.` };
  const firstSegment = url.pathname.split('/').find((segment) => segment !== '');
  return {
    ok: true,
    url: url.origin,
    database: firstSegment ? safeDecode(firstSegment) : null,
  };
}

/** `help` → help.kusto.windows.net, `c.westeurope` → c.westeurope.kusto.windows.net. */
function expandShortName(text: string): string {
  const hostEnd = text.search(/[/:?#]/);
  const host = hostEnd === -1 ? text : text.slice(0, hostEnd);
  const rest = hostEnd === -1 ? '' : text.slice(hostEnd);
  const labels = host.split('.');
  if (host === 'localhost') return text;
  if (labels.length === 1) return `${host}.${PUBLIC_KUSTO_SUFFIX}${rest}`;
  if (labels.length === 2 && AZURE_REGIONS.has(labels[1]!.toLowerCase())) {
    return `${host}.${PUBLIC_KUSTO_SUFFIX}${rest}`;
  }
  return text;
}

/** decodeURIComponent, or the segment as it is when it is not valid percent-encoding. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The cluster as ADX writes it into a link path: the host for an https cluster on the default
 * port, else the whole origin percent-encoded (as Kusto.Explorer does), so it stays one segment.
 */
export function clusterPathSegment(clusterUrl: string): string {
  const url = new URL(clusterUrl);
  return url.protocol === 'https:' && !url.port ? url.host : encodeURIComponent(url.origin);
}
