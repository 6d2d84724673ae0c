import { describe, expect, it } from 'vitest';
import { clusterPathSegment, clusterUrlFromName } from './cluster-name';

describe('cluster names as ADX takes them', () => {
  it.each([
    ['help', 'https://help.kusto.windows.net', null],
    ['mycluster.westeurope', 'https://mycluster.westeurope.kusto.windows.net', null],
    ['MyCluster.EastUS2', 'https://mycluster.eastus2.kusto.windows.net', null],
    ['help.kusto.windows.net', 'https://help.kusto.windows.net', null],
    ['kusto.contoso.com', 'https://kusto.contoso.com', null],
    ['https://help.kusto.windows.net/Samples?x=1', 'https://help.kusto.windows.net', 'Samples'],
    ['  HTTPS://Help.Kusto.Windows.Net/  ', 'https://help.kusto.windows.net', null],
    [
      'mycluster.westeurope.kusto.windows.net',
      'https://mycluster.westeurope.kusto.windows.net',
      null,
    ],
    ['https%3a%2f%2fhelp.kusto.windows.net', 'https://help.kusto.windows.net', null],
    ['http%3A%2F%2Flocalhost%3A5181', 'http://localhost:5181', null],
    ['http://localhost:5181', 'http://localhost:5181', null],
    ['localhost:5181', 'https://localhost:5181', null],
  ])('%s → %s', (input, url, database) => {
    expect(clusterUrlFromName(input)).toEqual({ ok: true, url, database });
  });

  it.each([
    ['', /Enter the cluster/],
    ['ftp://help.kusto.windows.net', /https, not ftp/],
    ['https://user:pw@help.kusto.windows.net', /user name or password/],
    ['https://exa mple', /not a cluster name or URL/],
  ])('rejects %j', (input, message) => {
    const result = clusterUrlFromName(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('writes the host for https clusters and the encoded origin for anything else', () => {
    expect(clusterPathSegment('https://help.kusto.windows.net')).toBe('help.kusto.windows.net');
    expect(clusterPathSegment('http://localhost:5181')).toBe('http%3A%2F%2Flocalhost%3A5181');
    expect(
      clusterUrlFromName(decodeURIComponent(clusterPathSegment('http://localhost:5181'))),
    ).toEqual({ ok: true, url: 'http://localhost:5181', database: null });
  });
});
