/**
 * User-facing cause and fix for Kusto failures (protocols.md §6, Kusto rows, plus the client-side
 * cases the console adds). Titles and details come from the actual response.
 */
export interface CatalogEntry {
  cause: string;
  fix: string;
}

export const kustoErrorCatalog = {
  syntaxError: {
    cause: 'The query has a syntax error.',
    fix: 'Fix the query at the marked position and run it again.',
  },
  semanticError: {
    cause: 'The query refers to something that does not exist or uses it the wrong way.',
    fix: 'Check table, column and function names and types at the marked position.',
  },
  controlCommandOnV2: {
    cause: 'A management (dot) command was sent to the query endpoint.',
    fix: 'Management commands go to /v1/rest/mgmt; start the text with "." so Quarry routes it there.',
  },
  badRequest: {
    cause: 'The cluster rejected the request as invalid.',
    fix: 'Read the service message below; check the database name and the request properties.',
  },
  unauthorized: {
    cause: 'The access token is missing, expired, or issued for another resource or tenant.',
    fix: 'Sign in again; the token must be for <cluster>/.default in the tenant that hosts the cluster.',
  },
  forbidden: {
    cause: 'The signed-in principal has no viewer role on the database.',
    fix: 'Ask a database admin for at least the Viewer role on that database.',
  },
  notFound: {
    cause: 'The cluster does not know this path or entity (for example the database name).',
    fix: 'Check the cluster URL and the database name.',
  },
  payloadTooLarge: {
    cause: 'The request (query text and parameters) is larger than the cluster accepts.',
    fix: 'Shorten the query: move literal data into a table or an external source.',
  },
  throttled: {
    cause: 'The cluster is throttling requests (concurrency or rate limit reached).',
    fix: 'Wait a little and run the query again.',
  },
  serviceUnavailable: {
    cause: 'The cluster is temporarily unavailable or overloaded.',
    fix: 'Wait a little and run the query again; check the cluster’s health if it persists.',
  },
  timeout: {
    cause: 'The query ran longer than its server timeout (4 minutes by default).',
    fix: 'Narrow the time range or filter earlier, or raise servertimeout (at most 1 hour).',
  },
  serverError: {
    cause: 'The cluster failed while handling the request.',
    fix: 'Run it again; if it keeps failing, give the request id to the cluster’s support.',
  },
  resultTruncated: {
    cause: 'The result exceeded the limit of 500,000 rows or 64 MB, so the rows shown are cut off.',
    fix: 'Aggregate, add take, project fewer columns, or raise truncationmaxrecords / use notruncation.',
  },
  runawayQuery: {
    cause: 'An operator hit the memory limit; the results may be incomplete.',
    fix: 'Filter earlier, use hint.shufflekey / the shuffle strategy, or sample the data.',
  },
  lowMemory: {
    cause: 'The cluster ran low on memory while running the query; the results may be incomplete.',
    fix: 'Filter earlier or reduce the data the query touches, then run it again.',
  },
  partialFailure: {
    cause:
      'Part of the query failed after results started to arrive; the rows shown may be incomplete.',
    fix: 'Read the service message below; rerun or narrow the query.',
  },
  cancelled: {
    cause: 'The query was cancelled before it finished.',
    fix: 'Run it again when you are ready.',
  },
  untrustedHost: {
    cause: 'The target host is not a known Kusto host, so no token was sent to it.',
    fix: 'Use a real cluster URL, or add the exact origin to trustedHosts in config.json (loopback is only trusted when listed).',
  },
  network: {
    cause:
      'The request never got an HTTP answer: the host name did not resolve, the connection was refused or dropped, a proxy or firewall blocked it, or the cluster does not allow this page’s origin (CORS).',
    fix: 'Check the cluster URL and your network; the browser console shows which of these it was.',
  },
  badResponse: {
    cause: 'The cluster answered with something that is not a Kusto result.',
    fix: 'Check that the URL points at a Kusto cluster (not a proxy or login page) and try again.',
  },
  signInRequired: {
    cause: 'Quarry could not get an access token for this cluster.',
    fix: 'Sign in again, then run the query.',
  },
} satisfies Record<string, CatalogEntry>;

export type KustoCatalogKey = keyof typeof kustoErrorCatalog;
