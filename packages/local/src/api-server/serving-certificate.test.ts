import { createPrivateKey, X509Certificate } from 'node:crypto';
import { servingCertificate } from './serving-certificate.js';

test('the serving certificate is signed by the CA for the loopback names and the given hosts', () => {
  const bundle = servingCertificate({ now: new Date('2030-06-01T00:00:00Z'), validityMs: 24 * 60 * 60 * 1000, hosts: ['10.1.2.3', 'knot.local', '0.0.0.0'] });
  const ca = new X509Certificate(bundle.caCert);
  const leaf = new X509Certificate(bundle.cert);
  expect(ca.ca).toBe(true);
  expect(leaf.ca).toBe(false);
  expect(leaf.checkIssued(ca)).toBe(true);
  expect(leaf.verify(ca.publicKey)).toBe(true);
  expect(leaf.subjectAltName?.split(', ')).toEqual(['IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1', 'DNS:localhost', 'IP Address:10.1.2.3', 'DNS:knot.local']);
  expect(leaf.checkPrivateKey(createPrivateKey(bundle.key))).toBe(true);
  expect(new Date(leaf.validTo).toISOString()).toBe('2030-06-02T00:00:00.000Z');
  expect(new Date(leaf.validFrom).getTime()).toBeLessThan(Date.parse('2030-06-01T00:00:00Z'));
});
