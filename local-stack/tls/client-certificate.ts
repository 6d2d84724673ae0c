/**
 * Certificate credentials for app registrations (the auth proxies' identities): a self-signed
 * certificate and its private key in one PEM, as AAD_CLIENT_CERTIFICATE_PATH expects, made once under
 * .local-stack/certs and reused. The identity provider registers the certificate part; the proxy
 * signs its client assertions with the key part.
 */
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';
import { proxyClients } from '../local-constants.ts';
import { acquireLock, defaultCertificateDir, writeAtomically } from './local-certificate.ts';

export interface ClientCertificate {
  /** The file with both PEM blocks (private key, then certificate). */
  path: string;
  certPem: string;
  keyPem: string;
}

const validityDays = 365;
const renewBeforeMs = 24 * 60 * 60 * 1000;

/** Splits a PEM file into its certificate and private key blocks. */
export function splitPem(pem: string): { certPem: string | undefined; keyPem: string | undefined } {
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  const key =
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(
      pem,
    )?.[0];
  return { certPem: cert ? `${cert}\n` : undefined, keyPem: key ? `${key}\n` : undefined };
}

/** Entra's certificate thumbprints: `x5t` (SHA-1) and `x5t#S256` (SHA-256), base64url of the DER. */
export function certificateThumbprints(certPem: string): { sha1: string; sha256: string } {
  const der = new X509Certificate(certPem).raw;
  return {
    sha1: createHash('sha1').update(der).digest('base64url'),
    sha256: createHash('sha256').update(der).digest('base64url'),
  };
}

function usable(pem: string, now: Date): ClientCertificate | undefined {
  const { certPem, keyPem } = splitPem(pem);
  if (!certPem || !keyPem) return undefined;
  try {
    const certificate = new X509Certificate(certPem);
    if (new Date(certificate.validTo).getTime() - renewBeforeMs <= now.getTime()) return undefined;
    if (!certificate.checkPrivateKey(createPrivateKey(keyPem))) return undefined;
  } catch {
    return undefined;
  }
  return { path: '', certPem, keyPem };
}

export async function generateClientCertificatePem(
  subject: string,
  now = new Date(),
): Promise<string> {
  const pems = await generate([{ name: 'commonName', value: subject }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60 * 60 * 1000),
    notAfterDate: new Date(now.getTime() + validityDays * 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return `${pems.private.trim()}\n${pems.cert.trim()}\n`;
}

/** The certificate credential in `<dir>/<fileName>`, made when missing or near its end. */
export async function ensureClientCertificate(
  fileName: string,
  subject: string,
  dir = defaultCertificateDir,
): Promise<ClientCertificate> {
  const file = path.join(dir, fileName);
  const now = new Date();
  const existing = usable(await readFile(file, 'utf8').catch(() => ''), now);
  if (existing) return { ...existing, path: file };
  await mkdir(dir, { recursive: true });
  // Parallel test files and the stack may start at once: one generates, the others read it.
  const release = await acquireLock(path.join(dir, `.${fileName}.lock`));
  try {
    const written = usable(await readFile(file, 'utf8').catch(() => ''), now);
    if (written) return { ...written, path: file };
    const pem = await generateClientCertificatePem(subject, now);
    await writeAtomically(file, pem, 0o600);
    return { ...usable(pem, now)!, path: file };
  } finally {
    await release();
  }
}

/** The certificate credentials of the two proxy identities (local-constants.ts proxyClients). */
export async function ensureProxyClientCertificates(
  dir = defaultCertificateDir,
): Promise<{ query: ClientCertificate; ingestion: ClientCertificate }> {
  const [query, ingestion] = await Promise.all([
    ensureClientCertificate(
      proxyClients.query.certificateFile,
      proxyClients.query.displayName,
      dir,
    ),
    ensureClientCertificate(
      proxyClients.ingestion.certificateFile,
      proxyClients.ingestion.displayName,
      dir,
    ),
  ]);
  return { query, ingestion };
}
