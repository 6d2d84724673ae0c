import { useCallback, useState } from 'react';
import {
  DEFAULT_APPINSIGHTS_ENDPOINT,
  decodeShareLink,
  type OpenedLink,
  type ReadLinkOptions,
} from '../../lib/share-link';
import type { TimeRange } from '../../lib/query/time-range';
import type { QueryTarget } from '../../lib/sources/query-target';
import type { Connection } from '../workspace/use-connections';

/**
 * A link (the address the page was opened with, or one pasted into "Open a link") becomes a
 * question first: "Open help.eastus.kusto.windows.net / Samples?". Until the user says yes,
 * nothing is saved, no token is asked for and nothing is sent to the link's cluster: whoever
 * wrote the link chose that cluster, and its owner would learn who opened it.
 */

export type PendingLink = { id: string } & (
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
    }
);

export interface LinkIntakeOptions {
  /** Every connection the user has (configured and added), not only the pinned one. */
  connections: readonly Connection[];
  /** A message when a token may not go to this URL, else null. */
  checkTarget(url: string): string | null;
  /** Opens the query in a new tab, adding the connection if new; false if it was refused. */
  open(title: string, text: string, connection: QueryTarget, timeRange?: TimeRange | null): boolean;
  notify(message: string): void;
}

const IGNORED_NOTES: Record<string, string> = {
  web: 'web= (which UI to open) is ignored: the link opens here.',
  querysrc:
    'querysrc= is ignored: Quarry does not fetch query text from other sites. Ask for the query itself.',
  autorun: 'autorun= is ignored: Quarry never runs a linked query by itself.',
};

export function useLinkIntake({ connections, checkTarget, open, notify }: LinkIntakeOptions) {
  const [pending, setPending] = useState<PendingLink | null>(null);

  /** Reads a link and asks about it; problems become a notice. Returns whether a question is shown. */
  const intake = useCallback(
    async (href: string, options: ReadLinkOptions = {}): Promise<boolean> => {
      let link: OpenedLink;
      try {
        link = await decodeShareLink(href, options);
      } catch (error) {
        notify(
          `This link could not be opened: ${error instanceof Error ? error.message : String(error)}`,
        );
        return false;
      }
      const notes = link.ignored.map((name) => IGNORED_NOTES[name] ?? `${name}= is ignored.`);
      const { target } = link;
      if (target.kind === 'kusto') {
        const problem = checkTarget(target.clusterUrl);
        if (problem) {
          notify(`This link was not opened: ${problem}`);
          return false;
        }
        const known = connections.find(
          (c) => c.kind === 'kusto' && c.clusterUrl === target.clusterUrl,
        );
        setPending({
          id: crypto.randomUUID(),
          kind: 'kusto',
          link,
          clusterUrl: target.clusterUrl,
          host: new URL(target.clusterUrl).host,
          database: target.database,
          suggestedDatabase: known?.kind === 'kusto' ? known.database : '',
          notes,
        });
        return true;
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
      setPending({
        id: crypto.randomUUID(),
        kind: 'appinsights',
        link,
        appId: target.appId,
        endpoint,
        timeRange: target.timeRange ?? null,
        notes,
      });
      return true;
    },
    [connections, checkTarget, notify],
  );

  const confirm = useCallback(
    (database: string) => {
      if (!pending) return;
      const title = pending.link.name ?? (pending.link.text === null ? 'Query' : 'Shared query');
      const text = pending.link.text ?? '';
      const opened =
        pending.kind === 'kusto'
          ? open(title, text, { kind: 'kusto', clusterUrl: pending.clusterUrl, database })
          : open(
              title,
              text,
              { kind: 'appinsights', appId: pending.appId, endpoint: pending.endpoint },
              pending.timeRange,
            );
      setPending(null);
      if (opened && pending.link.text !== null) {
        notify('Opened the linked query in a new tab. Review it, then run it with Shift+Enter.');
      }
    },
    [pending, open, notify],
  );

  const cancel = useCallback(() => {
    setPending(null);
    notify('The link was not opened; nothing was sent or saved.');
  }, [notify]);

  return { pending, intake, confirm, cancel };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
