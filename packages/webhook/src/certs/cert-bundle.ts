import { generateKeyPairSync, randomBytes, X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { buildCertificate } from './x509-builder.js';

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

/** A fresh CA (ECDSA P-256) and a serving certificate signed by it for the service's DNS names. */
export function generateCertBundle(opts: CertBundleOptions): CertBundle {
  const notBefore = new Date(opts.now.getTime() - CLOCK_SKEW_MS);
  const notAfter = new Date(opts.now.getTime() + opts.validityMs);
  const ca = newKeyPair();
  const caName = { commonName: `${opts.serviceName}.${opts.namespace}.svc-ca`, organization: ORGANIZATION };
  const caCert = buildCertificate({
    subject: caName, issuer: caName, publicKey: ca.publicKey, signingKey: ca.privateKey, issuerPublicKey: ca.publicKey,
    notBefore, notAfter, serial: serial(), isCA: true,
  });
  const server = newKeyPair();
  const dnsNames = serviceDnsNames(opts.serviceName, opts.namespace);
  const serverCert = buildCertificate({
    subject: { commonName: dnsNames[2] ?? opts.serviceName, organization: ORGANIZATION }, issuer: caName,
    publicKey: server.publicKey, signingKey: ca.privateKey, issuerPublicKey: ca.publicKey,
    notBefore, notAfter, serial: serial(), isCA: false, dnsNames,
  });
  return { caCert, serverCert, serverKey: server.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

function newKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function serial(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes;
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
