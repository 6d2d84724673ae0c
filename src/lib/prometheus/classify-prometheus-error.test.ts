import { describe, expect, it } from 'vitest';
import { queryErrorFromPrometheusHttp } from './classify-prometheus-error';
import { prometheusFixtureText } from './test-support/prometheus-fixtures';

const ctx = { requestId: 'Quarry.Query;x', host: 'ws.prometheus.monitor.azure.com' };

describe('queryErrorFromPrometheusHttp', () => {
  it('places a parse error on its line and column (line 2)', () => {
    const error = queryErrorFromPrometheusHttp(
      { status: 400, bodyText: prometheusFixtureText('error-bad-data-multiline.json') },
      { ...ctx, auth: 'entra' },
    );
    expect(error.kind).toBe('query-syntax');
    expect(error.position).toEqual({ line: 2, column: 16 });
    expect(error.title).toBe('PromQL syntax error at line 2, column 16');
  });

  it('explains bad_data without a position (too many points) with the step as the fix', () => {
    const error = queryErrorFromPrometheusHttp(
      { status: 400, bodyText: prometheusFixtureText('error-bad-data-step.json') },
      { ...ctx, auth: 'entra' },
    );
    expect(error.kind).toBe('query-semantic');
    expect(error.title).toMatch(/bad_data/);
    expect(error.fix).toMatch(/step/);
  });

  it('explains an execution error (422) with its cause and a fix', () => {
    const error = queryErrorFromPrometheusHttp(
      { status: 422, bodyText: prometheusFixtureText('error-execution.json') },
      { ...ctx, auth: 'entra' },
    );
    expect(error.title).toMatch(/execution/);
    expect(error.cause).toMatch(/many-to-one matching must be explicit/);
    expect(error.fix).toMatch(/group_left/);
  });

  it('explains a timeout (503, documented format)', () => {
    const error = queryErrorFromPrometheusHttp(
      {
        status: 503,
        bodyText:
          '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
      },
      { ...ctx, auth: 'entra' },
    );
    expect(error.kind).toBe('timeout');
    expect(error.fix).toMatch(/Narrow the time range/);
  });

  it('a workspace saying it cannot serve (503 ServiceUnavailable) is the workspace’s, also through a proxy', () => {
    const body =
      '{"error":{"code":"ServiceUnavailable","message":"The workspace\'s storage is not available: Prometheus is not installed, so the local Azure Monitor workspace has no data: run `sudo apt-get install -y prometheus` (Debian/Ubuntu) and start again.","correlationId":"c-1"}}';
    for (const auth of ['entra', 'proxy'] as const) {
      const error = queryErrorFromPrometheusHttp({ status: 503, bodyText: body }, { ...ctx, auth });
      expect(error.title).toMatch(/Azure Monitor workspace .*cannot answer queries right now/);
      expect(error.title).not.toMatch(/not ready/);
      expect(error.cause).toContain('`sudo apt-get install -y prometheus`');
      expect(error.fix).toMatch(/Nothing is wrong with the query/);
      expect(error.activityId).toBe('c-1');
    }
  });

  it('names Monitoring Data Reader for the user on a 403 directly, and for the proxy’s identity through a proxy', () => {
    const body =
      '{"error":{"code":"Forbidden","message":"The principal lacks the required role."}}';
    const direct = queryErrorFromPrometheusHttp(
      { status: 403, bodyText: body },
      { ...ctx, auth: 'entra' },
    );
    expect(direct.kind).toBe('forbidden');
    expect(direct.title).toMatch(/Monitoring Data Reader/);
    expect(direct.fix).toMatch(/assign Monitoring Data Reader .* to your account/);
    const proxied = queryErrorFromPrometheusHttp(
      { status: 403, bodyText: body },
      { ...ctx, auth: 'proxy' },
    );
    expect(proxied.fix).toMatch(/auth proxy’s identity|auth proxy's identity/);
  });
});
