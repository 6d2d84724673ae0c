import { describe, expect, it } from 'vitest';
import { normalizeClusterUrl } from './user-connections-store';

describe('normalizeClusterUrl', () => {
  it.each([
    ['help', 'https://help.kusto.windows.net'],
    ['help.kusto.windows.net', 'https://help.kusto.windows.net'],
    ['https://help.kusto.windows.net/Samples?x=1', 'https://help.kusto.windows.net'],
    ['  HTTPS://Help.Kusto.Windows.Net/  ', 'https://help.kusto.windows.net'],
    ['mycluster.westeurope.kusto.windows.net', 'https://mycluster.westeurope.kusto.windows.net'],
    ['http://localhost:5181', 'http://localhost:5181'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeClusterUrl(input)).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['', /Enter the cluster URL/],
    ['ftp://help.kusto.windows.net', /https, not ftp/],
    ['https://user:pw@help.kusto.windows.net', /user name or password/],
    ['https://exa mple', /not a URL/],
  ])('rejects %j', (input, message) => {
    const result = normalizeClusterUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
