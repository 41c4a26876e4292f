// Builds and signs an X.509 v3 certificate (RFC 5280) with ECDSA P-256 / SHA-256.
import { createHash, sign, type KeyObject } from 'node:crypto';
import { bitString, boolean, explicit, implicitPrimitive, namedBits, octetString, oid, sequence, set, smallInteger, time, unsignedInteger, utf8String } from './der.js';

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

// keyUsage bit numbers (RFC 5280 4.2.1.3).
const DIGITAL_SIGNATURE = 0;
const KEY_ENCIPHERMENT = 2;
const KEY_CERT_SIGN = 5;
const CRL_SIGN = 6;

export interface DistinguishedName {
  readonly commonName: string;
  readonly organization?: string;
}

export interface CertificateSpec {
  readonly subject: DistinguishedName;
  readonly issuer: DistinguishedName;
  /** The certified key. */
  readonly publicKey: KeyObject;
  /** The issuer's private key (the subject's own for a self-signed CA). */
  readonly signingKey: KeyObject;
  /** The issuer's public key, for the authority key identifier. */
  readonly issuerPublicKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Up to 20 random bytes. */
  readonly serial: Buffer;
  /** A CA signs certificates; a leaf serves TLS for `dnsNames`. */
  readonly isCA: boolean;
  readonly dnsNames?: readonly string[];
}

/** The certificate in PEM. Throws when the signing key is not an EC key. */
export function buildCertificate(spec: CertificateSpec): string {
  if (spec.signingKey.asymmetricKeyType !== 'ec') throw new TypeError(`signingKey: expected an EC key, got ${spec.signingKey.asymmetricKeyType ?? 'none'}`);
  const algorithm = sequence(oid(OID.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(spec.serial),
    algorithm,
    name(spec.issuer),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    name(spec.subject),
    spki(spec.publicKey),
    explicit(3, sequence(...extensions(spec))),
  );
  const signature = sign('sha256', tbs, spec.signingKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  return toPem(der, 'CERTIFICATE');
}

function name(dn: DistinguishedName): Buffer {
  const rdns = [set(sequence(oid(OID.commonName), utf8String(dn.commonName)))];
  if (dn.organization) rdns.unshift(set(sequence(oid(OID.organization), utf8String(dn.organization))));
  return sequence(...rdns);
}

function spki(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' });
}

/** A key identifier: the SHA-1 of the encoded public key (RFC 7093 allows any stable hash). */
export function keyIdentifier(key: KeyObject): Buffer {
  return createHash('sha1').update(spki(key)).digest();
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

function extensions(spec: CertificateSpec): Buffer[] {
  const out = [
    extension(OID.basicConstraints, true, spec.isCA ? sequence(boolean(true)) : sequence()),
    extension(OID.keyUsage, true, namedBits(spec.isCA ? [DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN] : [DIGITAL_SIGNATURE, KEY_ENCIPHERMENT])),
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(spec.publicKey))),
    extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyIdentifier(spec.issuerPublicKey)))),
  ];
  if (!spec.isCA) out.push(extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))));
  const dnsNames = spec.dnsNames ?? [];
  if (dnsNames.length > 0) out.push(extension(OID.subjectAltName, false, sequence(...dnsNames.map((d) => implicitPrimitive(2, Buffer.from(d, 'ascii'))))));
  return out;
}

function toPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
