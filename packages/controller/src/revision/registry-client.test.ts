import { RegistryClient } from './registry-client.js';
import { RegistryError } from './registry-error.js';
import { FakeRegistry } from './testing/fake-registry.js';

describe('RegistryClient.baseUrl', () => {
  const client = new RegistryClient({ insecureRegistries: ['registry.internal:5000', 'plain.example'] });
  test.each([
    { name: 'docker hub is served by registry-1.docker.io', registry: 'index.docker.io', want: 'https://registry-1.docker.io' },
    { name: 'a public registry is https', registry: 'ghcr.io', want: 'https://ghcr.io' },
    { name: 'a port is kept', registry: 'registry.example:8443', want: 'https://registry.example:8443' },
    { name: 'localhost is http', registry: 'localhost:5000', want: 'http://localhost:5000' },
    { name: 'a loopback address is http', registry: '127.0.0.1:5000', want: 'http://127.0.0.1:5000' },
    { name: 'the ipv6 loopback is http', registry: '[::1]:5000', want: 'http://[::1]:5000' },
    { name: 'an insecure registry is http', registry: 'registry.internal:5000', want: 'http://registry.internal:5000' },
    { name: 'insecure is per port when listed with one', registry: 'registry.internal:5001', want: 'https://registry.internal:5001' },
    { name: 'an insecure host is http on every port', registry: 'plain.example:8080', want: 'http://plain.example:8080' },
    { name: 'a name that merely starts with localhost is https', registry: 'localhost.example.com', want: 'https://localhost.example.com' },
  ])('$name', ({ registry, want }) => {
    expect(client.baseUrl(registry)).toBe(want);
  });
});

describe('RegistryClient token flow', () => {
  let registry: FakeRegistry | undefined;
  afterEach(async () => {
    await registry?.close();
    registry = undefined;
  });

  test('a token endpoint that answers without a token fails as TokenUnavailable', async () => {
    registry = await FakeRegistry.start({ bearer: { token: '' } });
    const err: unknown = await new RegistryClient().manifestDigest({ registry: registry.host, repository: 'team/app', reference: 'v1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err).toMatchObject({ code: 'TokenUnavailable', message: `GET http://${registry.host}/token: the answer has no token` });
  });

  test('the user agent is sent to the registry and the token endpoint', async () => {
    registry = await FakeRegistry.start({ bearer: { token: 't' }, manifests: { 'team/app:v1': '{}' } });
    await new RegistryClient({ userAgent: 'knot-controller/test' }).manifestDigest({ registry: registry.host, repository: 'team/app', reference: 'v1' });
    expect(registry.requests.map((r) => r.userAgent)).toEqual(['knot-controller/test', 'knot-controller/test', 'knot-controller/test']);
  });
});
