import { createPrivateKey, KeyObject, X509Certificate, type webcrypto } from 'node:crypto';
import type { Extension, JsonName } from '@peculiar/x509';
import { loadX509 } from './load-x509.js';

/** What Knative keeps in the webhook's Secret, by the same keys. */
export interface CertBundle {
  /** `ca-cert.pem`: the CA the API server trusts (the caBundle). */
  readonly caCert: string;
  /** `server-cert.pem`: the serving certificate, signed by the CA. */
  readonly serverCert: string;
  /** `server-key.pem`: the serving certificate's private key (PKCS#8). */
  readonly serverKey: string;
}

export const CA_CERT_KEY = 'ca-cert.pem';
export const SERVER_CERT_KEY = 'server-cert.pem';
export const SERVER_KEY_KEY = 'server-key.pem';

export interface CertBundleOptions {
  /** The webhook's Service name and namespace: the certificate covers `<service>.<namespace>.svc` and its variants. */
  readonly serviceName: string;
  readonly namespace: string;
  readonly now: Date;
  /** How long both certificates are valid. */
  readonly validityMs: number;
}

const ORGANIZATION = 'knative.dev';
// Backdated so an API server whose clock runs a little behind still accepts the certificate.
const CLOCK_SKEW_MS = 60 * 60 * 1000;

/** The DNS names the API server may dial the webhook by. */
export function serviceDnsNames(serviceName: string, namespace: string): string[] {
  const svc = `${serviceName}.${namespace}.svc`;
  return [serviceName, `${serviceName}.${namespace}`, svc, `${svc}.cluster.local`];
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const { crypto } = globalThis;

/** A fresh CA (ECDSA P-256) and a serving certificate signed by it for the service's DNS names. */
export async function generateCertBundle(opts: CertBundleOptions): Promise<CertBundle> {
  const {
    BasicConstraintsExtension, ExtendedKeyUsage, ExtendedKeyUsageExtension, KeyUsageFlags, KeyUsagesExtension, SubjectAlternativeNameExtension, X509CertificateGenerator,
  } = await loadX509();
  const validity = { notBefore: new Date(opts.now.getTime() - CLOCK_SKEW_MS), notAfter: new Date(opts.now.getTime() + opts.validityMs), signingAlgorithm: ALGORITHM };
  const ca = await newKeyPair();
  const caName = distinguishedName(`${opts.serviceName}.${opts.namespace}.svc-ca`);
  const caCert = await X509CertificateGenerator.createSelfSigned({
    ...validity, name: caName, keys: ca,
    extensions: [
      new BasicConstraintsExtension(true, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      ...(await keyIdentifiers(ca.publicKey, ca.publicKey)),
    ],
  }, crypto);
  const server = await newKeyPair();
  const dnsNames = serviceDnsNames(opts.serviceName, opts.namespace);
  const serverCert = await X509CertificateGenerator.create({
    ...validity, subject: distinguishedName(dnsNames[2] ?? opts.serviceName), issuer: caName, publicKey: server.publicKey, signingKey: ca.privateKey,
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment, true),
      new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
      new SubjectAlternativeNameExtension(dnsNames.map((value) => ({ type: 'dns', value }))),
      ...(await keyIdentifiers(server.publicKey, ca.publicKey)),
    ],
  }, crypto);
  return {
    caCert: pem(caCert.toString('pem')),
    serverCert: pem(serverCert.toString('pem')),
    serverKey: KeyObject.from(server.privateKey).export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

function newKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
}

function distinguishedName(commonName: string): JsonName {
  return [{ O: [ORGANIZATION] }, { CN: [commonName] }];
}

async function keyIdentifiers(subjectKey: webcrypto.CryptoKey, issuerKey: webcrypto.CryptoKey): Promise<Extension[]> {
  const { AuthorityKeyIdentifierExtension, SubjectKeyIdentifierExtension } = await loadX509();
  return Promise.all([SubjectKeyIdentifierExtension.create(subjectKey, false, crypto), AuthorityKeyIdentifierExtension.create(issuerKey, false, crypto)]);
}

// PEM files end with a newline; the library's output does not.
function pem(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * Why a stored bundle cannot be used, or undefined when it can: it must parse, the server
 * certificate must be signed by the CA, cover `dnsName`, match its key, and both must stay
 * valid for at least `minRemainingMs`.
 */
export function bundleProblem(bundle: CertBundle, dnsName: string, now: Date, minRemainingMs: number): string | undefined {
  let ca: X509Certificate;
  let server: X509Certificate;
  let key: KeyObject;
  try {
    ca = new X509Certificate(bundle.caCert);
    server = new X509Certificate(bundle.serverCert);
    key = createPrivateKey(bundle.serverKey);
  } catch (err) {
    return `does not parse: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (!server.verify(ca.publicKey)) return 'the server certificate is not signed by the CA';
  if (!server.checkHost(dnsName)) return `the server certificate does not cover ${dnsName}`;
  if (!server.checkPrivateKey(key)) return 'the server key does not match the certificate';
  const deadline = now.getTime() + minRemainingMs;
  for (const [what, cert] of [['CA', ca], ['server', server]] as const) {
    if (new Date(cert.validFrom).getTime() > now.getTime()) return `the ${what} certificate is not valid yet`;
    if (new Date(cert.validTo).getTime() < deadline) return `the ${what} certificate expires at ${new Date(cert.validTo).toISOString()}`;
  }
  return undefined;
}
