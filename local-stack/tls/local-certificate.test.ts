import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { certificateProblem, ensureLocalCertificate } from './local-certificate.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'quarry-cert-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function getOverTls(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

describe('ensureLocalCertificate', () => {
  it('creates a leaf certificate (not a CA) for localhost, 127.0.0.1 and ::1, valid for about a year', async () => {
    const certificate = await ensureLocalCertificate({ dir });
    const x509 = new X509Certificate(certificate.certPem);

    expect(certificate.certPath).toBe(path.join(dir, 'cert.pem'));
    expect(certificate.keyPath).toBe(path.join(dir, 'key.pem'));
    expect(await readFile(certificate.certPath, 'utf8')).toBe(certificate.certPem);
    expect(await readFile(certificate.keyPath, 'utf8')).toBe(certificate.keyPem);
    expect(x509.ca).toBe(false);
    expect(x509.keyUsage ?? []).not.toContain('keyCertSign');
    expect(x509.subjectAltName).toContain('DNS:localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkIP('::1')).toBeDefined();
    const lifetimeDays =
      (new Date(x509.validTo).getTime() - new Date(x509.validFrom).getTime()) / 86_400_000;
    expect(lifetimeDays).toBeGreaterThan(360);
    expect(lifetimeDays).toBeLessThan(370);
  });

  it('replaces a certificate of the old kind (a CA) on the next start', async () => {
    const { generate } = await import('selfsigned');
    const oldCa = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    });
    expect(certificateProblem(oldCa.cert, oldCa.private, new Date())).toMatch(/is a CA/);
    await writeFile(path.join(dir, 'cert.pem'), oldCa.cert);
    await writeFile(path.join(dir, 'key.pem'), oldCa.private);
    const replaced = await ensureLocalCertificate({ dir });
    expect(replaced.certPem).not.toBe(oldCa.cert);
    expect(new X509Certificate(replaced.certPem).ca).toBe(false);
  });

  it('reuses the stored certificate on later calls', async () => {
    const first = await ensureLocalCertificate({ dir });
    const second = await ensureLocalCertificate({ dir });
    expect(second.certPem).toBe(first.certPem);
    expect(second.keyPem).toBe(first.keyPem);
  });

  it('gives concurrent callers the one certificate that ends up on disk', async () => {
    const results = await Promise.all([
      ensureLocalCertificate({ dir }),
      ensureLocalCertificate({ dir }),
      ensureLocalCertificate({ dir }),
    ]);
    const onDisk = await readFile(path.join(dir, 'cert.pem'), 'utf8');
    for (const result of results) expect(result.certPem).toBe(onDisk);
  });

  it('replaces an expired certificate', async () => {
    const first = await ensureLocalCertificate({ dir });
    const validTo = new Date(new X509Certificate(first.certPem).validTo);
    const later = new Date(validTo.getTime() + 86_400_000);

    expect(certificateProblem(first.certPem, first.keyPem, later)).toBe('expired');
    const renewed = await ensureLocalCertificate({ dir, now: () => later });
    expect(renewed.certPem).not.toBe(first.certPem);
    expect(certificateProblem(renewed.certPem, renewed.keyPem, later)).toBeUndefined();
  });

  it('replaces an unreadable certificate or a key that does not match', async () => {
    const first = await ensureLocalCertificate({ dir });
    await writeFile(first.certPath, 'not a certificate');
    const afterGarbage = await ensureLocalCertificate({ dir });
    expect(afterGarbage.certPem).toContain('BEGIN CERTIFICATE');
    expect(afterGarbage.certPem).not.toBe(first.certPem);

    await writeFile(afterGarbage.keyPath, first.keyPem);
    expect(certificateProblem(afterGarbage.certPem, first.keyPem, new Date())).toBe(
      'key does not match',
    );
    const afterMismatch = await ensureLocalCertificate({ dir });
    expect(afterMismatch.certPem).not.toBe(afterGarbage.certPem);
  });

  it('is trusted by Node for https://localhost and https://127.0.0.1 when given as the trust anchor', async () => {
    const { certPem, keyPem } = await ensureLocalCertificate({ dir });
    const server = https.createServer({ cert: certPem, key: keyPem }, (_request, response) => {
      response.end('trusted');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await getOverTls(`https://localhost:${port}/`, certPem)).toBe('trusted');
      expect(await getOverTls(`https://127.0.0.1:${port}/`, certPem)).toBe('trusted');
      // Without the CA the same request fails: the trust really comes from the certificate.
      await expect(getOverTls(`https://localhost:${port}/`, '')).rejects.toThrow();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
