// The local API's TLS: a CA made at start and a serving certificate it signs
// for the loopback names. Kubernetes clients send a bearer token only over
// TLS, so even on 127.0.0.1 the API is HTTPS; the kubeconfig carries the CA.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString, boolean, explicit, implicit, objectIdentifier, octetString, sequence, set, time, unsignedInteger, utf8String,
} from './der.js';

export interface ServingCertificate {
  /** PEM of the CA clients trust (the kubeconfig's certificate-authority-data). */
  readonly caCert: string;
  /** PEM of the serving certificate. */
  readonly cert: string;
  /** PEM (PKCS#8) of its private key. */
  readonly key: string;
}

export interface ServingCertificateOptions {
  /** Names and addresses the server is reached at; 127.0.0.1, ::1 and localhost are always included. */
  readonly hosts?: readonly string[];
  readonly now: Date;
  readonly validityMs: number;
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

// Backdated so a client whose clock runs a little behind still accepts the certificate.
const CLOCK_SKEW_MS = 60 * 60 * 1000;
const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

const name = (commonName: string): Buffer =>
  sequence(set(sequence(objectIdentifier(OID.organization), utf8String('knot'))), set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))));

const extension = (oid: string, critical: boolean, value: Buffer): Buffer => sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // Expand `::` into the missing zero groups, then write eight 16-bit groups.
  const [head = '', tail] = ip.split('::');
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function subjectAltName(hosts: readonly string[]): Buffer {
  return sequence(...hosts.map((h) => (isIP(h) ? implicit(7, ipBytes(h)) : implicit(2, Buffer.from(h, 'ascii')))));
}

function certificate(opts: { subject: string; issuer: string; publicKey: KeyObject; signer: KeyObject; now: Date; validityMs: number; extensions: Buffer[] }): string {
  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const serial = randomBytes(16);
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(serial),
    algorithm,
    name(opts.issuer),
    sequence(time(new Date(opts.now.getTime() - CLOCK_SKEW_MS)), time(new Date(opts.now.getTime() + opts.validityMs))),
    name(opts.subject),
    opts.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...opts.extensions)),
  );
  const signature = sign('sha256', tbs, opts.signer);
  const der = sequence(tbs, algorithm, bitString(signature));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** A fresh CA (ECDSA P-256) and a serving certificate it signs for the loopback names and `hosts`. */
export function servingCertificate(opts: ServingCertificateOptions): ServingCertificate {
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const server = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const hosts = [...new Set([...LOOPBACK, ...(opts.hosts ?? []).filter((h) => h !== '' && h !== '0.0.0.0' && h !== '::')])];
  const caCert = certificate({
    subject: 'knot-dev-ca',
    issuer: 'knot-dev-ca',
    publicKey: ca.publicKey,
    signer: ca.privateKey,
    now: opts.now,
    validityMs: opts.validityMs,
    extensions: [
      extension(OID.basicConstraints, true, sequence(boolean(true))),
      // digitalSignature, keyCertSign, cRLSign (bits 0, 5, 6).
      extension(OID.keyUsage, true, bitString(Buffer.from([0x86]), 1)),
    ],
  });
  const cert = certificate({
    subject: 'knot-dev-api',
    issuer: 'knot-dev-ca',
    publicKey: server.publicKey,
    signer: ca.privateKey,
    now: opts.now,
    validityMs: opts.validityMs,
    extensions: [
      extension(OID.basicConstraints, true, sequence()),
      // digitalSignature, keyEncipherment (bits 0, 2).
      extension(OID.keyUsage, true, bitString(Buffer.from([0xa0]), 5)),
      extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
      extension(OID.subjectAltName, false, subjectAltName(hosts)),
    ],
  });
  return { caCert, cert, key: server.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
