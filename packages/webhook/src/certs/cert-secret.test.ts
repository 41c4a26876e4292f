import { X509Certificate } from 'node:crypto';
import { core } from '@knot/api';
import { MemoryStore } from '@knot/runtime';
import { CA_CERT_KEY, SERVER_CERT_KEY, SERVER_KEY_KEY } from './cert-bundle.js';
import { ensureCertSecret, type CertSecretOptions } from './cert-secret.js';

const DAY = 24 * 60 * 60 * 1000;
const NS = 'knative-serving';

function setup(start = Date.parse('2030-01-01T00:00:00Z')) {
  const store = new MemoryStore({ initialNamespaces: [NS] });
  let now = start;
  const opts: CertSecretOptions = { secretName: 'webhook-certs', namespace: NS, serviceName: 'webhook', now: () => new Date(now), validityMs: 365 * DAY, minRemainingMs: 7 * DAY };
  return { store, opts, advance: (ms: number) => (now += ms) };
}

const decode = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');

describe('ensureCertSecret', () => {
  test('the first start creates the Secret with Knative\'s keys', async () => {
    const { store, opts } = setup();
    const { bundle, generated } = await ensureCertSecret(store, opts);
    expect(generated).toBe(true);
    const secret = await store.get(core.secrets, NS, 'webhook-certs');
    expect(Object.keys(secret.data ?? {}).sort()).toEqual([CA_CERT_KEY, SERVER_CERT_KEY, SERVER_KEY_KEY]);
    expect(decode(secret.data?.[CA_CERT_KEY])).toBe(bundle.caCert);
    expect(new X509Certificate(bundle.serverCert).checkHost('webhook.knative-serving.svc')).toBe('webhook.knative-serving.svc');
  });

  test('a second start reuses the stored certificates', async () => {
    const { store, opts, advance } = setup();
    const first = await ensureCertSecret(store, opts);
    const version = (await store.get(core.secrets, NS, 'webhook-certs')).metadata?.resourceVersion;
    advance(300 * DAY);
    const second = await ensureCertSecret(store, opts);
    expect(second).toEqual({ bundle: first.bundle, generated: false });
    expect((await store.get(core.secrets, NS, 'webhook-certs')).metadata?.resourceVersion).toBe(version);
  });

  test('certificates within 7 days of expiry are replaced', async () => {
    const { store, opts, advance } = setup();
    const first = await ensureCertSecret(store, opts);
    advance(359 * DAY);
    const second = await ensureCertSecret(store, opts);
    expect(second.generated).toBe(true);
    expect(second.bundle.caCert).not.toBe(first.bundle.caCert);
    expect(decode((await store.get(core.secrets, NS, 'webhook-certs')).data?.[SERVER_CERT_KEY])).toBe(second.bundle.serverCert);
  });

  test('the empty Secret an install ships is filled, keeping its labels and other keys', async () => {
    const { store, opts } = setup();
    await store.create(core.secrets, { metadata: { name: 'webhook-certs', namespace: NS, labels: { app: 'webhook' } }, data: { other: 'eA==' } });
    await ensureCertSecret(store, opts);
    const secret = await store.get(core.secrets, NS, 'webhook-certs');
    expect(secret.metadata?.labels).toEqual({ app: 'webhook' });
    expect(Object.keys(secret.data ?? {}).sort()).toEqual([CA_CERT_KEY, 'other', SERVER_CERT_KEY, SERVER_KEY_KEY]);
  });

  test.each<{ name: string; data: Record<string, string> }>([
    { name: 'garbage certificates', data: { [CA_CERT_KEY]: 'Z2FyYmFnZQ==', [SERVER_CERT_KEY]: 'Z2FyYmFnZQ==', [SERVER_KEY_KEY]: 'Z2FyYmFnZQ==' } },
    { name: 'a missing key', data: { [CA_CERT_KEY]: 'Z2FyYmFnZQ==' } },
  ])('$name are replaced', async ({ data }) => {
    const { store, opts } = setup();
    await store.create(core.secrets, { metadata: { name: 'webhook-certs', namespace: NS }, data });
    expect((await ensureCertSecret(store, opts)).generated).toBe(true);
  });

  test('certificates for another service name are replaced', async () => {
    const { store, opts } = setup();
    await ensureCertSecret(store, { ...opts, serviceName: 'old-webhook' });
    const { bundle, generated } = await ensureCertSecret(store, opts);
    expect(generated).toBe(true);
    expect(new X509Certificate(bundle.serverCert).checkHost('webhook.knative-serving.svc')).toBeDefined();
  });

  test('replicas starting together end up with the same certificates', async () => {
    const { store, opts } = setup();
    const results = await Promise.all([ensureCertSecret(store, opts), ensureCertSecret(store, opts), ensureCertSecret(store, opts)]);
    const stored = decode((await store.get(core.secrets, NS, 'webhook-certs')).data?.[CA_CERT_KEY]);
    for (const r of results) expect(r.bundle.caCert).toBe(stored);
  });
});
