import { DEFAULT_APPINSIGHTS_ENDPOINT, isShareLink, type OpenedLink } from '../../lib/share-link';
import type { TimeRange } from '../../lib/query/time-range';
import type { QueryTarget } from '../../lib/sources/query-target';

/**
 * What a link proposes, decided without React or the network: a link never connects by itself,
 * it becomes a question ("Open help.eastus.kusto.windows.net / Samples?") or, when its cluster
 * may not receive a token, a refusal. The hook in `use-link-intake.ts` holds the question and
 * acts on the user's answer.
 */

/** The question a link asks, before the user has answered it. */
export type LinkQuestion =
  | {
      kind: 'kusto';
      link: OpenedLink;
      clusterUrl: string;
      /** Full host as the user must see it (help.eastus.kusto.windows.net, not "help"). */
      host: string;
      /** From the link; null when it names none (the user picks one). */
      database: string | null;
      /** A database the user already uses on this cluster, offered when the link names none. */
      suggestedDatabase: string;
      notes: string[];
    }
  | {
      kind: 'appinsights';
      link: OpenedLink;
      appId: string;
      endpoint: string;
      timeRange: TimeRange | null;
      notes: string[];
    };

/** A question on screen: the id tells one link's dialog from the next one's. */
export type PendingLink = { id: string } & LinkQuestion;

export type LinkProposal =
  { kind: 'ask'; question: LinkQuestion } | { kind: 'refused'; notice: string };

export interface LinkProposalContext {
  /** Every connection the user has (configured and added), not only the pinned one. */
  connections: readonly QueryTarget[];
  /** A message when a token may not go to this URL, else null. */
  checkTarget(url: string): string | null;
}

const IGNORED_NOTES: Record<string, string> = {
  web: 'web= (which UI to open) is ignored: the link opens here.',
  querysrc:
    'querysrc= is ignored: Quarry does not fetch query text from other sites. Ask for the query itself.',
  autorun: 'autorun= is ignored: Quarry never runs a linked query by itself.',
};

export function proposeLink(
  link: OpenedLink,
  { connections, checkTarget }: LinkProposalContext,
): LinkProposal {
  const notes = link.ignored.map((name) => IGNORED_NOTES[name] ?? `${name}= is ignored.`);
  const { target } = link;
  if (target.kind === 'kusto') {
    const problem = checkTarget(target.clusterUrl);
    if (problem) return { kind: 'refused', notice: `This link was not opened: ${problem}` };
    const known = connections.find((c) => c.kind === 'kusto' && c.clusterUrl === target.clusterUrl);
    return {
      kind: 'ask',
      question: {
        kind: 'kusto',
        link,
        clusterUrl: target.clusterUrl,
        host: new URL(target.clusterUrl).host,
        database: target.database,
        suggestedDatabase: known?.kind === 'kusto' ? known.database : '',
        notes,
      },
    };
  }
  // A link may not introduce an App Insights endpoint: only one the user already has.
  const knownEndpoints = new Set([
    DEFAULT_APPINSIGHTS_ENDPOINT,
    ...connections.flatMap((c) => (c.kind === 'appinsights' ? [originOf(c.endpoint)] : [])),
  ]);
  const requested = target.requestedEndpoint ? originOf(target.requestedEndpoint) : null;
  let endpoint = DEFAULT_APPINSIGHTS_ENDPOINT;
  if (requested && knownEndpoints.has(requested)) endpoint = requested;
  else if (target.requestedEndpoint) {
    notes.push(
      `The link asked for the App Insights endpoint ${target.requestedEndpoint}. A link cannot add endpoints, so it was ignored; the app opens at ${DEFAULT_APPINSIGHTS_ENDPOINT}. Add other endpoints with Add app.`,
    );
  }
  return {
    kind: 'ask',
    question: {
      kind: 'appinsights',
      link,
      appId: target.appId,
      endpoint,
      timeRange: target.timeRange ?? null,
      notes,
    },
  };
}

/**
 * The link to read from the address the page was opened with, or null. Inside an embedding
 * frame a path or cluster= pins the connection picker (embedding flags) instead of asking.
 */
export function arrivalLink(href: string, pinned: boolean): string | null {
  return pinned || !isShareLink(href) ? null : href;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
