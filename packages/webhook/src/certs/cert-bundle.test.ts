import { createPrivateKey, X509Certificate } from 'node:crypto';
import { bundleProblem, generateCertBundle, serviceDnsNames } from './cert-bundle.js';
import { loadX509 } from './load-x509.js';

const { BasicConstraintsExtension, KeyUsageFlags, KeyUsagesExtension, X509Certificate: ParsedCertificate } = await loadX509();

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const now = new Date('2030-06-01T12:00:00Z');
const bundle = await generateCertBundle({ serviceName: 'webhook', namespace: 'knative-serving', now, validityMs: 365 * DAY });
const otherBundle = await generateCertBundle({ serviceName: 'webhook', namespace: 'knative-serving', now, validityMs: 365 * DAY });

describe('generateCertBundle', () => {
  const ca = new X509Certificate(bundle.caCert);
  const server = new X509Certificate(bundle.serverCert);

  test('the CA is a self-signed CA', () => {
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.checkIssued(ca)).toBe(true);
    expect(ca.subject).toBe('O=knative.dev\nCN=webhook.knative-serving.svc-ca');
  });

  test('the server certificate is issued by the CA for serverAuth and is not a CA', () => {
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.issuer).toBe(ca.subject);
    expect(server.subject).toBe('O=knative.dev\nCN=webhook.knative-serving.svc');
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
  });

  test.each([
    { name: 'CA', pem: bundle.caCert, ca: true, usages: KeyUsageFlags.digitalSignature | KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign },
    { name: 'server', pem: bundle.serverCert, ca: false, usages: KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment },
  ])('the $name certificate has critical basic constraints and key usages', ({ pem, ca: isCA, usages }) => {
    const cert = new ParsedCertificate(pem);
    const constraints = cert.getExtension(BasicConstraintsExtension);
    const keyUsage = cert.getExtension(KeyUsagesExtension);
    expect({ ca: constraints?.ca, critical: constraints?.critical }).toEqual({ ca: isCA, critical: true });
    expect({ usages: keyUsage?.usages, critical: keyUsage?.critical }).toEqual({ usages, critical: true });
  });

  test('the server key is a PKCS#8 PEM matching the server certificate', () => {
    expect(bundle.serverKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(server.checkPrivateKey(createPrivateKey(bundle.serverKey))).toBe(true);
    expect(server.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(ca.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  });

  test.each([bundle.caCert, bundle.serverCert])('certificates are PEM files ending in a newline', (pem) => {
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
  });

  test.each(serviceDnsNames('webhook', 'knative-serving'))('the server certificate covers %s', (name) => {
    expect(server.checkHost(name)).toBe(name);
  });

  test('the server certificate covers nothing else', () => {
    expect(server.checkHost('webhook.default.svc')).toBeUndefined();
    expect(server.subjectAltName).toBe('DNS:webhook, DNS:webhook.knative-serving, DNS:webhook.knative-serving.svc, DNS:webhook.knative-serving.svc.cluster.local');
  });

  test.each([{ name: 'CA', cert: ca }, { name: 'server', cert: server }])('$name validity runs from an hour before now for the requested time', ({ cert }) => {
    expect(new Date(cert.validFrom).getTime()).toBe(now.getTime() - HOUR);
    expect(new Date(cert.validTo).getTime()).toBe(now.getTime() + 365 * DAY);
  });

  test('validity past 2049 is encoded too', async () => {
    const late = await generateCertBundle({ serviceName: 'webhook', namespace: 'ns', now: new Date('2049-12-31T00:00:00Z'), validityMs: 10 * DAY });
    expect(new Date(new X509Certificate(late.serverCert).validTo).toISOString()).toBe('2050-01-10T00:00:00.000Z');
  });

  test('each bundle has its own keys and serials', async () => {
    const other = await generateCertBundle({ serviceName: 'webhook', namespace: 'knative-serving', now, validityMs: DAY });
    expect(other.serverKey).not.toBe(bundle.serverKey);
    expect(new X509Certificate(other.caCert).serialNumber).not.toBe(ca.serialNumber);
    expect(new X509Certificate(other.serverCert).verify(ca.publicKey)).toBe(false);
  });
});

describe('bundleProblem', () => {
  const dns = 'webhook.knative-serving.svc';

  test.each([
    { name: 'a fresh bundle is fine', b: bundle, at: now, want: undefined },
    { name: 'a bundle expiring within the margin', b: bundle, at: new Date(now.getTime() + 360 * DAY), want: 'expires at' },
    { name: 'a bundle not valid yet', b: bundle, at: new Date(now.getTime() - 2 * DAY), want: 'not valid yet' },
    { name: 'another CA', b: { ...bundle, caCert: otherBundle.caCert }, at: now, want: 'not signed by the CA' },
    { name: 'another key', b: { ...bundle, serverKey: otherBundle.serverKey }, at: now, want: 'does not match' },
    { name: 'garbage', b: { ...bundle, serverCert: 'not a cert' }, at: now, want: 'does not parse' },
  ])('$name', ({ b, at, want }) => {
    const problem = bundleProblem(b, dns, at, 7 * DAY);
    if (want === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(want);
  });

  test('another service name is a problem', () => {
    expect(bundleProblem(bundle, 'other.knative-serving.svc', now, 7 * DAY)).toBe('the server certificate does not cover other.knative-serving.svc');
  });
});
