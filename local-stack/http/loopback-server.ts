/**
 * An http server on 127.0.0.1 and, when available, ::1 on the same port, as the other stand-ins
 * do: "localhost" may resolve to either, and browsers and Node must agree on it.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  port: number;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function listenOnLoopback(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  requestedPort: number,
): Promise<LoopbackServer> {
  const primary = http.createServer(handle);
  await listen(primary, requestedPort, '127.0.0.1');
  const servers = [primary];
  const port = (primary.address() as AddressInfo).port;
  const ipv6 = http.createServer(handle);
  try {
    await listen(ipv6, port, '::1');
    servers.push(ipv6);
  } catch {
    // No IPv6 loopback here (or the port is taken on it): 127.0.0.1 alone is enough.
  }
  return { port, close: async () => void (await Promise.all(servers.map(closeServer))) };
}
