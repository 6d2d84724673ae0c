import { describe, expect, it } from 'vitest';
import {
  checkTokenTarget,
  createTrustedHostPolicy,
  describeExtraHostProblem,
} from './trusted-host-policy';

const policy = createTrustedHostPolicy({ extraHosts: [] });
const withLocal = createTrustedHostPolicy({
  extraHosts: ['http://localhost:5181', 'https://*.corp.example.com', 'https://10.0.0.5:8443'],
});

function allowed(url: string, p = policy): string {
  const verdict = checkTokenTarget(url, p);
  if (!verdict.ok) throw new Error(`expected ${url} to be allowed: ${verdict.reason}`);
  return verdict.resource;
}

function refused(url: string, p = policy): string {
  const verdict = checkTokenTarget(url, p);
  if (verdict.ok) throw new Error(`expected ${url} to be refused`);
  return verdict.reason;
}

describe('checkTokenTarget: built-in Kusto hosts', () => {
  it('allows clusters under the public, government and China suffixes, resource = origin', () => {
    expect(allowed('https://help.kusto.windows.net')).toBe('https://help.kusto.windows.net');
    expect(allowed('https://mycluster.westeurope.kusto.windows.net/')).toBe(
      'https://mycluster.westeurope.kusto.windows.net',
    );
    expect(allowed('https://c.kusto.usgovcloudapi.net')).toBe('https://c.kusto.usgovcloudapi.net');
    expect(allowed('https://c.kusto.chinacloudapi.cn')).toBe('https://c.kusto.chinacloudapi.cn');
    expect(allowed('https://trd-x.z0.kusto.fabric.microsoft.com')).toBe(
      'https://trd-x.z0.kusto.fabric.microsoft.com',
    );
  });

  it('allows exact proxy hosts and the App Insights / Log Analytics APIs, keeping the path out of the resource', () => {
    expect(allowed('https://adx.monitor.azure.com/subscriptions/x/resourcegroups/y')).toBe(
      'https://adx.monitor.azure.com',
    );
    expect(allowed('https://api.applicationinsights.io/v1/apps/abc/query')).toBe(
      'https://api.applicationinsights.io',
    );
  });

  it('ignores paths, queries and fragments and the default port', () => {
    expect(allowed('https://help.kusto.windows.net:443/v2/rest/query?x=1#frag')).toBe(
      'https://help.kusto.windows.net',
    );
  });

  it('lower-cases hosts (the URL parser does) and refuses a trailing dot', () => {
    expect(allowed('https://HELP.Kusto.Windows.NET')).toBe('https://help.kusto.windows.net');
    expect(refused('https://help.kusto.windows.net.')).toMatch(/trailing dot/);
  });

  it('refuses look-alike suffixes', () => {
    expect(refused('https://evil-kusto.windows.net')).toMatch(/not a known Kusto host/);
    expect(refused('https://help.kusto.windows.net.evil.com')).toMatch(/not a known Kusto host/);
    expect(refused('https://help.kusto.windows.net%2eevil.com')).toMatch(/not a known Kusto host/);
    expect(refused('https://kusto.windows.net')).toMatch(/not a known Kusto host/);
    expect(refused('https://xadx.monitor.azure.com')).toMatch(/not a known Kusto host/);
  });

  it('refuses user info, whichever side the trusted name is on', () => {
    expect(refused('https://help.kusto.windows.net@evil.com')).toMatch(/user name or password/);
    expect(refused('https://evil.com@help.kusto.windows.net')).toMatch(/user name or password/);
    expect(refused('https://user:pw@help.kusto.windows.net')).toMatch(/user name or password/);
  });

  it('refuses http and non-default ports on Kusto hosts', () => {
    expect(refused('http://help.kusto.windows.net')).toMatch(/not https/);
    expect(refused('https://help.kusto.windows.net:8443')).toMatch(/port 8443/);
  });

  it('refuses IP literals in every spelling, including loopback', () => {
    expect(refused('https://127.0.0.1')).toMatch(/IP address/);
    expect(refused('https://2130706433')).toMatch(/IP address/); // decimal 127.0.0.1
    expect(refused('https://0x7f.1')).toMatch(/IP address/); // hex
    expect(refused('https://0177.0.0.1')).toMatch(/IP address/); // octal
    expect(refused('https://[::1]')).toMatch(/IP address/);
    expect(refused('https://[::ffff:7f00:1]')).toMatch(/IP address/);
  });

  it('does not trust loopback by default', () => {
    expect(refused('http://localhost:5181')).toMatch(/not https/);
    expect(refused('https://localhost')).toMatch(/not a known Kusto host/);
  });

  it('refuses internationalized names, even under a Kusto suffix', () => {
    expect(refused('https://hеlp.kusto.windows.net')).toMatch(/punycode/); // Cyrillic е
    expect(refused('https://xn--hlp-rdd.kusto.windows.net')).toMatch(/punycode/);
    expect(refused('https://help.kusto.windоws.net')).toMatch(/punycode|not a known/); // Cyrillic о
  });

  it('refuses whitespace, control characters and invalid URLs', () => {
    expect(refused(' https://help.kusto.windows.net')).toMatch(/whitespace/);
    expect(refused('https://help.kusto.windows.net\n')).toMatch(/whitespace/);
    expect(refused('https://help.ku\tsto.windows.net')).toMatch(/whitespace/);
    expect(refused('help.kusto.windows.net')).toMatch(/not a valid absolute URL/);
    expect(refused('')).toMatch(/not a valid absolute URL/);
    expect(refused('https://')).toMatch(/not a valid absolute URL/);
    expect(refused('javascript:alert(1)')).toMatch(/cannot receive tokens/);
    expect(refused('ftp://help.kusto.windows.net')).toMatch(/cannot receive tokens/);
  });
});

describe('checkTokenTarget: trustedHosts from config', () => {
  it('allows an exact http origin, including its resource with the port', () => {
    expect(allowed('http://localhost:5181/v2/rest/query', withLocal)).toBe('http://localhost:5181');
    expect(allowed('http://LOCALHOST:5181', withLocal)).toBe('http://localhost:5181');
  });

  it('matches scheme, host and port exactly', () => {
    expect(refused('http://localhost:5182', withLocal)).toMatch(/not https/);
    expect(refused('https://localhost:5181', withLocal)).toMatch(/not a known/);
    expect(refused('http://127.0.0.1:5181', withLocal)).toMatch(/not https/);
    expect(allowed('https://10.0.0.5:8443', withLocal)).toBe('https://10.0.0.5:8443');
    expect(refused('https://10.0.0.5', withLocal)).toMatch(/IP address/);
  });

  it('treats https wildcards as strict subdomains on the default port', () => {
    expect(allowed('https://a.corp.example.com', withLocal)).toBe('https://a.corp.example.com');
    expect(allowed('https://a.b.corp.example.com/x', withLocal)).toBe(
      'https://a.b.corp.example.com',
    );
    expect(refused('https://corp.example.com', withLocal)).toMatch(/not a known/);
    expect(refused('https://evilcorp.example.com', withLocal)).toMatch(/not a known/);
    expect(refused('http://a.corp.example.com', withLocal)).toMatch(/not https/);
    expect(refused('https://a.corp.example.com:8443', withLocal)).toMatch(/not a known/);
  });

  it('rejects unusable entries when the policy is built', () => {
    expect(() => createTrustedHostPolicy({ extraHosts: ['http://localhost:5181/path'] })).toThrow(
      /without a path/,
    );
    expect(() => createTrustedHostPolicy({ extraHosts: ['localhost:5181'] })).toThrow(
      /cannot receive tokens/,
    );
    expect(describeExtraHostProblem('http://*.example.com')).toMatch(/wildcards/);
    expect(describeExtraHostProblem('https://*.com')).toMatch(/two labels/);
    expect(describeExtraHostProblem('http://*.example.com')).not.toBeNull();
    expect(describeExtraHostProblem('https://*.example.com')).toBeNull();
    expect(describeExtraHostProblem('http://localhost:5181')).toBeNull();
    expect(describeExtraHostProblem('http://localhost:5181/')).toBeNull();
    expect(describeExtraHostProblem('http://127.0.0.1:5181')).toBeNull();
    expect(describeExtraHostProblem('http://[::1]:5181')).toBeNull();
    expect(describeExtraHostProblem('http://cluster.corp.example.com')).toMatch(/clear text/);
    expect(() =>
      createTrustedHostPolicy({ extraHosts: ['http://cluster.corp.example.com'] }),
    ).toThrow(/must be https/);
  });
});
