/**
 * The local stack's TLS certificate: one self-signed certificate for localhost, 127.0.0.1 and ::1,
 * generated once and reused. It is a leaf (basicConstraints CA:FALSE, no keyCertSign): trusting
 * it trusts these three names and nothing else, because its key cannot sign other certificates
 * (an earlier version made it a CA, so anyone holding key.pem could mint a certificate for
 * login.microsoftonline.com that the machine then trusted; such a certificate is replaced on the
 * next start). Node trusts it with `NODE_EXTRA_CA_CERTS=<certPath>` or a `ca:` option.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';
import { certificateDir } from '../local-constants.ts';

export interface LocalCertificate {
  certPem: string;
  keyPem: string;
  certPath: string;
  keyPath: string;
}

export interface LocalCertificateOptions {
  /** Where to keep cert.pem and key.pem; default `<repo>/.local-stack/certs`. */
  dir?: string;
  /** Clock, for tests. */
  now?: () => Date;
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const certificateFileName = 'cert.pem';
const keyFileName = 'key.pem';
const validityDays = 365;
/** A certificate this close to its end is replaced, so a long test run never sees it expire. */
const renewBeforeMs = 24 * 60 * 60 * 1000;
const lockWaitMs = 60_000;
const staleLockMs = 60_000;

export const defaultCertificateDir = path.resolve(repositoryRoot, certificateDir);

export async function ensureLocalCertificate(
  options: LocalCertificateOptions = {},
): Promise<LocalCertificate> {
  const dir = path.resolve(options.dir ?? defaultCertificateDir);
  const now = options.now ?? (() => new Date());
  const certPath = path.join(dir, certificateFileName);
  const keyPath = path.join(dir, keyFileName);

  const existing = await readUsableCertificate(certPath, keyPath, now());
  if (existing) return existing;

  await mkdir(dir, { recursive: true });
  // Several processes (the stack, parallel test files) may start at once: one generates, the
  // others wait and then read what it wrote, so every process serves the certificate on disk.
  const release = await acquireLock(path.join(dir, '.generate.lock'));
  try {
    const written = await readUsableCertificate(certPath, keyPath, now());
    if (written) return written;
    const { certPem, keyPem } = await generateCertificate(now());
    await writeAtomically(keyPath, keyPem, 0o600);
    await writeAtomically(certPath, certPem, 0o644);
    return { certPem, keyPem, certPath, keyPath };
  } finally {
    await release();
  }
}

/** Why a stored certificate cannot be reused, or undefined when it can. */
export function certificateProblem(certPem: string, keyPem: string, now: Date): string | undefined {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certPem);
  } catch {
    return 'certificate is not a readable PEM';
  }
  if (new Date(certificate.validFrom).getTime() > now.getTime()) return 'not valid yet';
  if (new Date(certificate.validTo).getTime() - renewBeforeMs <= now.getTime()) return 'expired';
  // A CA certificate (from an earlier version) could sign certificates for any name: replace it.
  if (certificate.ca) return 'is a CA (can sign other certificates)';
  if (certificate.checkHost('localhost') === undefined) return 'no SAN for localhost';
  if (certificate.checkIP('127.0.0.1') === undefined) return 'no SAN for 127.0.0.1';
  if (certificate.checkIP('::1') === undefined) return 'no SAN for ::1';
  try {
    if (!certificate.checkPrivateKey(createPrivateKey(keyPem))) return 'key does not match';
  } catch {
    return 'key is not a readable PEM';
  }
  return undefined;
}

async function readUsableCertificate(
  certPath: string,
  keyPath: string,
  now: Date,
): Promise<LocalCertificate | undefined> {
  let certPem: string;
  let keyPem: string;
  try {
    [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  } catch {
    return undefined;
  }
  return certificateProblem(certPem, keyPem, now) === undefined
    ? { certPem, keyPem, certPath, keyPath }
    : undefined;
}

async function generateCertificate(now: Date): Promise<{ certPem: string; keyPem: string }> {
  // Start an hour back so a slightly skewed clock elsewhere does not see "not yet valid".
  const notBeforeDate = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfterDate = new Date(now.getTime() + validityDays * 24 * 60 * 60 * 1000);
  const pems = await generate(
    [
      { name: 'commonName', value: 'localhost' },
      { name: 'organizationName', value: 'Quarry local stack' },
    ],
    {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        {
          name: 'keyUsage',
          digitalSignature: true,
          keyEncipherment: true,
          critical: true,
        },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    },
  );
  return { certPem: pems.cert, keyPem: pems.private };
}

export async function writeAtomically(
  filePath: string,
  content: string,
  mode: number,
): Promise<void> {
  const temporaryPath = `${filePath}.${process.pid}.tmp`;
  await writeFile(temporaryPath, content, { mode });
  await rename(temporaryPath, filePath);
}

export async function acquireLock(lockPath: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + lockWaitMs;
  for (;;) {
    try {
      await mkdir(lockPath);
      return () => rm(lockPath, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A lock left by a process that died mid-generation must not block every later start.
    const lockAge = await stat(lockPath).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (lockAge > staleLockMs) {
      await rm(lockPath, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${lockPath}; delete it if no other process holds it.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
