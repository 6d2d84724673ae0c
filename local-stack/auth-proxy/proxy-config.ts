/**
 * The Entra authorization proxy's configuration, read from environment variables named as in the
 * seed's deployment (Microsoft's aad-auth-proxy image and Helm chart): TARGET_HOST, IDENTITY_TYPE,
 * AAD_CLIENT_ID, AAD_TENANT_ID, AAD_CLIENT_CERTIFICATE_PATH, AUDIENCE, LISTENING_PORT,
 * AAD_TOKEN_REFRESH_INTERVAL_IN_PERCENTAGE. Only IDENTITY_TYPE=aadapplication works here: managed
 * identities need Azure's instance metadata service, which no local machine has.
 *
 * Two more, as the Azure SDKs (and so the real proxy) read them: AZURE_AUTHORITY_HOST (default
 * https://login.microsoftonline.com; locally the IdP) and SSL_CERT_FILE (extra CA, the local
 * certificate). And one local addition, CORS_ALLOWED_ORIGINS, so a browser console may call it.
 */

export interface ProxyConfig {
  targetHost: string;
  identityType: 'aadapplication';
  clientId: string;
  tenantId: string;
  certificatePath: string;
  /** The scope asked for, `<resource>/.default`. */
  audience: string;
  listeningPort: number;
  /** Refresh this share of the token's lifetime before it expires (10 = at 90%). */
  refreshPercentage: number;
  authorityHost: string;
  caFile: string | undefined;
  allowedOrigins: readonly string[];
}

export type ConfigResult = { ok: true; config: ProxyConfig } | { ok: false; problems: string[] };

export function readProxyConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is required.`);
    return value ?? '';
  };
  const targetHost = required('TARGET_HOST').replace(/\/+$/, '');
  if (targetHost && !/^https?:\/\/[^/]+$/.test(targetHost)) {
    problems.push(
      `TARGET_HOST must be a scheme and host, like https://<workspace>.<region>.prometheus.monitor.azure.com (got "${targetHost}").`,
    );
  }
  const identityType = (env.IDENTITY_TYPE ?? '').trim().toLowerCase();
  if (identityType !== 'aadapplication') {
    problems.push(
      identityType === 'systemassigned' || identityType === 'userassigned'
        ? `IDENTITY_TYPE=${env.IDENTITY_TYPE} needs Azure's managed identity endpoint, which this machine lacks; use aadapplication with AAD_CLIENT_CERTIFICATE_PATH.`
        : `IDENTITY_TYPE must be aadapplication here (got "${env.IDENTITY_TYPE ?? ''}").`,
    );
  }
  const clientId = required('AAD_CLIENT_ID');
  const tenantId = required('AAD_TENANT_ID');
  const certificatePath = required('AAD_CLIENT_CERTIFICATE_PATH');
  let audience = required('AUDIENCE');
  if (audience && !audience.endsWith('/.default'))
    audience = `${audience.replace(/\/+$/, '')}/.default`;
  const listeningPort = Number(env.LISTENING_PORT ?? '8081');
  if (!Number.isInteger(listeningPort) || listeningPort < 0 || listeningPort > 65535) {
    problems.push(`LISTENING_PORT must be a TCP port (got "${env.LISTENING_PORT}").`);
  }
  const refreshPercentage = Number(env.AAD_TOKEN_REFRESH_INTERVAL_IN_PERCENTAGE ?? '10');
  if (!Number.isFinite(refreshPercentage) || refreshPercentage <= 0 || refreshPercentage >= 100) {
    problems.push(
      `AAD_TOKEN_REFRESH_INTERVAL_IN_PERCENTAGE must be between 0 and 100, exclusive (got "${env.AAD_TOKEN_REFRESH_INTERVAL_IN_PERCENTAGE}").`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      targetHost,
      identityType: 'aadapplication',
      clientId,
      tenantId,
      certificatePath,
      audience,
      listeningPort,
      refreshPercentage,
      authorityHost: (env.AZURE_AUTHORITY_HOST ?? 'https://login.microsoftonline.com').replace(
        /\/+$/,
        '',
      ),
      caFile: env.SSL_CERT_FILE || undefined,
      allowedOrigins: (env.CORS_ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0),
    },
  };
}

/** The configuration as logged at start (no secrets: the certificate's path, not its key). */
export function describeConfig(config: ProxyConfig): Record<string, string> {
  return {
    TARGET_HOST: config.targetHost,
    IDENTITY_TYPE: config.identityType,
    AAD_CLIENT_ID: config.clientId,
    AAD_TENANT_ID: config.tenantId,
    AAD_CLIENT_CERTIFICATE_PATH: config.certificatePath,
    AUDIENCE: config.audience,
    LISTENING_PORT: String(config.listeningPort),
    AAD_TOKEN_REFRESH_INTERVAL_IN_PERCENTAGE: String(config.refreshPercentage),
    AZURE_AUTHORITY_HOST: config.authorityHost,
  };
}
