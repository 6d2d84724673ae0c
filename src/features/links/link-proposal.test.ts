import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeShareLink } from '../../lib/share-link';
import { checkTokenTarget, createTrustedHostPolicy } from '../../lib/trusted-hosts';
import type { QueryTarget } from '../../lib/sources/query-target';
import { arrivalLink, proposeLink, type LinkProposalContext } from './link-proposal';

/**
 * What a link proposes, over links written here in the ADX deep-link shapes (gzip + base64 by
 * node:zlib, not by Quarry) and the real trusted-host policy the workspace checks targets with.
 */

const origin = 'https://quarry.example';
const gzipBase64 = (text: string) => gzipSync(Buffer.from(text, 'utf8')).toString('base64url');
const policy = createTrustedHostPolicy({ extraHosts: [] });

function context(connections: QueryTarget[]): LinkProposalContext {
  return {
    connections,
    checkTarget(url) {
      const verdict = checkTokenTarget(url, policy);
      return verdict.ok ? null : `Quarry will not send your token to ${url}: ${verdict.reason}`;
    },
  };
}

describe('proposeLink', () => {
  it('refuses a link to a host that may not receive a token, and asks nothing', async () => {
    const link = await decodeShareLink(
      `${origin}/clusters/https%3A%2F%2Fforeign.example.net/databases/Secrets?query=${gzipBase64('Secrets | take 1')}`,
    );
    const proposal = proposeLink(link, context([]));
    expect(proposal.kind).toBe('refused');
    if (proposal.kind !== 'refused') return;
    expect(proposal.notice).toMatch(
      /^This link was not opened: Quarry will not send your token to https:\/\/foreign\.example\.net/,
    );
  });

  it('asks about a Kusto cluster it has never seen, with the full host and the link database', async () => {
    const link = await decodeShareLink(
      `${origin}/clusters/foreign.westeurope/databases/Secrets?query=${gzipBase64('Secrets | take 1')}`,
    );
    const proposal = proposeLink(link, context([]));
    expect(proposal).toEqual({
      kind: 'ask',
      question: {
        kind: 'kusto',
        link,
        clusterUrl: 'https://foreign.westeurope.kusto.windows.net',
        host: 'foreign.westeurope.kusto.windows.net',
        database: 'Secrets',
        suggestedDatabase: '',
        notes: [],
      },
    });
  });

  it('suggests the database the user already uses when the link to a known cluster names none', async () => {
    const link = await decodeShareLink(`${origin}/clusters/help?query=print%201&web=0`);
    const known: QueryTarget[] = [
      { kind: 'appinsights', appId: 'DEMO_APP', endpoint: 'https://api.applicationinsights.io' },
      { kind: 'kusto', clusterUrl: 'https://help.kusto.windows.net', database: 'Samples' },
    ];
    const proposal = proposeLink(link, context(known));
    expect(proposal.kind).toBe('ask');
    if (proposal.kind !== 'ask' || proposal.question.kind !== 'kusto')
      throw new Error('no question');
    expect(proposal.question.database).toBeNull();
    expect(proposal.question.suggestedDatabase).toBe('Samples');
    expect(proposal.question.notes).toEqual([
      'web= (which UI to open) is ignored: the link opens here.',
    ]);
  });

  it('never lets a link introduce an App Insights endpoint', async () => {
    const link = await decodeShareLink(
      `${origin}/?appId=DEMO_APP&endpoint=https%3A%2F%2Fevil.example&timespan=P7D&query=${gzipBase64('requests | count')}`,
    );
    const proposal = proposeLink(link, context([]));
    if (proposal.kind !== 'ask' || proposal.question.kind !== 'appinsights') {
      throw new Error('no question');
    }
    expect(proposal.question.endpoint).toBe('https://api.applicationinsights.io');
    expect(proposal.question.notes).toEqual([
      'The link asked for the App Insights endpoint https://evil.example. A link cannot add endpoints, so it was ignored; the app opens at https://api.applicationinsights.io. Add other endpoints with Add app.',
    ]);
  });

  it('keeps an App Insights endpoint the user already has', async () => {
    const link = await decodeShareLink(
      `${origin}/?appId=DEMO_APP&endpoint=https%3A%2F%2Fapi.applicationinsights.us&query=${gzipBase64('requests | count')}`,
    );
    const known: QueryTarget[] = [
      { kind: 'appinsights', appId: 'OTHER', endpoint: 'https://api.applicationinsights.us/' },
    ];
    const proposal = proposeLink(link, context(known));
    if (proposal.kind !== 'ask' || proposal.question.kind !== 'appinsights') {
      throw new Error('no question');
    }
    expect(proposal.question.endpoint).toBe('https://api.applicationinsights.us');
    expect(proposal.question.notes).toEqual([]);
  });
});

describe('arrivalLink', () => {
  const link = `${origin}/clusters/help/databases/Samples?query=${gzipBase64('print 1')}`;

  it('reads a link the page was opened with', () => {
    expect(arrivalLink(link, false)).toBe(link);
  });

  it('leaves the address alone inside a frame whose embedder pinned the connection', () => {
    expect(arrivalLink(link, true)).toBeNull();
  });

  it('ignores an address that is not a link', () => {
    expect(arrivalLink(`${origin}/`, false)).toBeNull();
  });
});
