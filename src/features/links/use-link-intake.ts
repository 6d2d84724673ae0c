import { useCallback, useEffect, useState } from 'react';
import {
  decodeShareLink,
  withoutShareParams,
  type OpenedLink,
  type ReadLinkOptions,
} from '../../lib/share-link';
import type { TimeRange } from '../../lib/query/time-range';
import type { QueryTarget } from '../../lib/sources/query-target';
import type { Connection } from '../workspace/use-connections';
import { arrivalLink, proposeLink, type PendingLink } from './link-proposal';

/**
 * A link (the address the page was opened with, or one pasted into "Open a link") becomes a
 * question first: "Open help.eastus.kusto.windows.net / Samples?". Until the user says yes,
 * nothing is saved, no token is asked for and nothing is sent to the link's cluster: whoever
 * wrote the link chose that cluster, and its owner would learn who opened it. What a link
 * proposes is decided in `link-proposal.ts`; this hook holds the question and acts on the answer.
 */

export type { PendingLink } from './link-proposal';

export interface LinkIntakeOptions {
  /** Every connection the user has (configured and added), not only the pinned one. */
  connections: readonly Connection[];
  /** A message when a token may not go to this URL, else null. */
  checkTarget(url: string): string | null;
  /** Opens the query in a new tab, adding the connection if new; false if it was refused. */
  open(title: string, text: string, connection: QueryTarget, timeRange?: TimeRange | null): boolean;
  notify(message: string): void;
  /** The embedder pinned the connection: the page's own address is then not a link to ask about. */
  pinned: boolean;
}

export function useLinkIntake({
  connections,
  checkTarget,
  open,
  notify,
  pinned,
}: LinkIntakeOptions) {
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
      const proposal = proposeLink(link, { connections, checkTarget });
      if (proposal.kind === 'refused') {
        notify(proposal.notice);
        return false;
      }
      setPending({ id: crypto.randomUUID(), ...proposal.question });
      return true;
    },
    [connections, checkTarget, notify],
  );

  useArrivalLink(intake, pinned);

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

/**
 * The address this page opened with: asked about once, and taken out of the address bar so a
 * reload does not ask again.
 */
function useArrivalLink(intake: (href: string) => Promise<boolean>, pinned: boolean) {
  useEffect(() => {
    const href = arrivalLink(window.location.href, pinned);
    if (href === null) return;
    window.history.replaceState(window.history.state, '', withoutShareParams(href));
    void intake(href);
    // Runs once, on the URL the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
