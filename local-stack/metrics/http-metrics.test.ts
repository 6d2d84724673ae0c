/** The request metrics every local service serves at /metrics, over a real http server. */
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpMetrics, routePattern, withHttpMetrics } from './http-metrics.ts';

let server: http.Server;
let url: string;

beforeAll(async () => {
  const metrics = createHttpMetrics('test-service');
  server = http.createServer(
    withHttpMetrics(
      metrics,
      (pathname) => routePattern(pathname, { 0: 'tenant' }),
      (request, response) => {
        response.writeHead(request.url?.includes('missing') ? 404 : 200).end('ok');
      },
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('counts requests, errors and latencies by route pattern, method and status', async () => {
  await fetch(`${url}/contoso/oauth2/v2.0/token`, { method: 'POST' });
  await fetch(`${url}/4b2a6f3e-9c1d-4e8f-a7b5-0c3d2e1f6a90/oauth2/v2.0/token`, { method: 'POST' });
  await fetch(`${url}/contoso/missing`);
  const text = await (await fetch(`${url}/metrics`)).text();
  expect(text).toContain(
    'http_requests_total{route="/{tenant}/oauth2/v2.0/token",method="POST",status="200",service="test-service"} 2',
  );
  expect(text).toContain(
    'http_request_errors_total{route="/{tenant}/missing",method="GET",status="404",service="test-service"} 1',
  );
  const latency = text
    .split('\n')
    .find(
      (line) =>
        line.startsWith('http_request_duration_seconds_count{') &&
        line.includes('route="/{tenant}/oauth2/v2.0/token"') &&
        line.includes('status="200"'),
    );
  expect(latency).toMatch(/ 2$/);
});

it('turns GUIDs and long ids into {id}, so series stay few', () => {
  expect(routePattern('/v1/apps/5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a/query')).toBe(
    '/v1/apps/{id}/query',
  );
  expect(routePattern('/')).toBe('/');
});
