/**
 * Runs one authorization proxy from environment variables, as the seed's container does:
 *
 *   TARGET_HOST=https://<workspace>.<region>.prometheus.monitor.azure.com IDENTITY_TYPE=aadapplication \
 *   AAD_CLIENT_ID=<app> AAD_TENANT_ID=<tenant> AAD_CLIENT_CERTIFICATE_PATH=<pem with key> \
 *   AUDIENCE=https://prometheus.monitor.azure.com/.default LISTENING_PORT=8082 \
 *   npx tsx local-stack/auth-proxy/main.ts
 *
 * Exits 1 (after logging the configuration and the reason) when it cannot start.
 */
import { startAuthProxy, type RunningAuthProxy } from './auth-proxy.ts';
import { readProxyConfig } from './proxy-config.ts';
import { consoleLogger } from './proxy-log.ts';

const logger = consoleLogger();
const read = readProxyConfig(process.env);
if (!read.ok) {
  logger('error', 'Invalid configuration; the proxy does not start.', {
    Problems: read.problems.join(' '),
  });
  process.exit(1);
}
let proxy: RunningAuthProxy | undefined;
try {
  proxy = await startAuthProxy(read.config, { logger });
} catch {
  // startAuthProxy has logged the configuration and the reason.
  process.exit(1);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void proxy?.close().then(() => process.exit(0));
  });
}
