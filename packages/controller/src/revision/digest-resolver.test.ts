import { apps, core, DEFAULT_CONFIG_DEPLOYMENT, serving, type Revision } from '@knot/api';
import { MemoryStore, noopLogger, SharedInformerFactory } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { staticConfig } from '../controller-env.js';
import { createRevisionController } from './controller.js';
import { DigestResolver } from './digest-resolver.js';
import { resolveDigests, type ImageResolveOptions } from './image-resolver.js';
import { RegistryError } from './registry-error.js';
import { FakeRegistry, MANIFEST_TYPE, sha256, type FakeRegistryOptions } from './testing/fake-registry.js';
import { rev } from './testing/revision-fixtures.js';

const MANIFEST = JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST_TYPE, config: {}, layers: [] });
const DIGEST = sha256(MANIFEST);
const ACCEPTED = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

const opts = (over: Partial<ImageResolveOptions> = {}): ImageResolveOptions => ({
  namespace: 'default',
  serviceAccountName: undefined,
  imagePullSecrets: [],
  registriesSkippingTagResolving: ['kind.local', 'ko.local', 'dev.local'],
  signal: new AbortController().signal,
  ...over,
});

let registry: FakeRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});
const start = async (o: FakeRegistryOptions = {}) => (registry = await FakeRegistry.start({ manifests: { 'team/app:v1': MANIFEST }, ...o }));

/** What the resolver threw, so tests can assert on its code and message. */
async function failure(p: Promise<unknown>): Promise<RegistryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RegistryError);
  return err as RegistryError;
}

describe('DigestResolver against a registry', () => {
  test('a tag resolves to the Docker-Content-Digest of a HEAD, asking for every manifest kind', async () => {
    const r = await start();
    expect(await new DigestResolver().resolve(`${r.host}/team/app:v1`, opts())).toBe(`${r.host}/team/app@${DIGEST}`);
    expect(r.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['HEAD /v2/team/app/manifests/v1']);
    expect(r.requests[0]?.accept?.split(', ')).toEqual(ACCEPTED);
  });

  test('without a tag, latest is resolved', async () => {
    const r = await start({ manifests: { 'team/app:latest': MANIFEST } });
    expect(await new DigestResolver().resolve(`${r.host}/team/app`, opts())).toBe(`${r.host}/team/app@${DIGEST}`);
  });

  test.each([
    { name: 'leaves out the header', digestHeader: false },
    { name: 'sends a malformed one', digestHeader: 'sha256:NOT-HEX' },
    { name: 'sends another algorithm', digestHeader: `sha512:${'a'.repeat(128)}` },
  ])('a registry that $name gets a GET, and the digest is the sha256 of the manifest', async ({ digestHeader }) => {
    const r = await start({ digestHeader });
    expect(await new DigestResolver().resolve(`${r.host}/team/app:v1`, opts())).toBe(`${r.host}/team/app@${DIGEST}`);
    expect(r.requests.map((q) => q.method)).toEqual(['HEAD', 'GET']);
  });

  test('a 401 with a Bearer challenge fetches an anonymous token from the realm and retries with it', async () => {
    const r = await start({ bearer: { token: 'pull-token' } });
    expect(await new DigestResolver().resolve(`${r.host}/team/app:v1`, opts())).toBe(`${r.host}/team/app@${DIGEST}`);
    expect(r.requests.map((q) => ({ call: `${q.method} ${q.path}`, authorization: q.authorization }))).toEqual([
      { call: 'HEAD /v2/team/app/manifests/v1', authorization: undefined },
      { call: 'GET /token?service=fake-registry&scope=repository%3Ateam%2Fapp%3Apull', authorization: undefined },
      { call: 'HEAD /v2/team/app/manifests/v1', authorization: 'Bearer pull-token' },
    ]);
  });

  test('a token endpoint that wants credentials gets those of the service account’s pull secret', async () => {
    const credentials = { username: 'robot', password: 's3cret' };
    const r = await start({ bearer: { token: 'private-token', credentials } });
    const store = new MemoryStore({ requireNamespaces: false });
    const config = { auths: { [r.host]: { auth: Buffer.from('robot:s3cret').toString('base64') } } };
    await store.create(core.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { namespace: 'default', name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from(JSON.stringify(config)).toString('base64') } });
    await store.create(core.serviceAccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { namespace: 'default', name: 'puller' }, imagePullSecrets: [{ name: 'regcred' }] });

    const anonymous = await failure(new DigestResolver().resolve(`${r.host}/team/app:v1`, opts({ serviceAccountName: 'puller' })));
    expect(anonymous.code).toBe('TokenUnavailable');
    expect(anonymous.message).toContain('UNAUTHORIZED: incorrect username or password');

    expect(await new DigestResolver({ client: store }).resolve(`${r.host}/team/app:v1`, opts({ serviceAccountName: 'puller' }))).toBe(`${r.host}/team/app@${DIGEST}`);
    expect(r.requests.filter((q) => q.path.startsWith('/token')).at(-1)?.authorization).toBe(`Basic ${Buffer.from('robot:s3cret').toString('base64')}`);
  });

  test('a Basic challenge is answered with the revision’s imagePullSecrets', async () => {
    const r = await start({ basic: { username: 'u', password: 'p' } });
    const store = new MemoryStore({ requireNamespaces: false });
    const cfg = { [`http://${r.host}/v1/`]: { username: 'u', password: 'p' } };
    await store.create(core.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { namespace: 'default', name: 'legacy' }, type: 'kubernetes.io/dockercfg', data: { '.dockercfg': Buffer.from(JSON.stringify(cfg)).toString('base64') } });
    const resolver = new DigestResolver({ client: store });
    expect(await resolver.resolve(`${r.host}/team/app:v1`, opts({ imagePullSecrets: ['legacy'] }))).toBe(`${r.host}/team/app@${DIGEST}`);

    const refused = await failure(resolver.resolve(`${r.host}/team/app:v1`, opts()));
    expect(refused.code).toBe('Unauthorized');
    expect(refused.message).toBe(`GET http://${r.host}/v2/team/app/manifests/v1: UNAUTHORIZED: authentication required`);
  });

  test('an unknown tag fails as ManifestUnknown with the registry’s error', async () => {
    const r = await start();
    const err = await failure(new DigestResolver().resolve(`${r.host}/team/app:v2`, opts()));
    expect(err.code).toBe('ManifestUnknown');
    expect(err.message).toBe(`GET http://${r.host}/v2/team/app/manifests/v2: MANIFEST_UNKNOWN: manifest unknown`);
  });

  test('a registry that does not answer fails as Timeout once the signal aborts, and the request is cancelled', async () => {
    const r = await start({ hang: true });
    const abort = new AbortController();
    const pending = new DigestResolver().resolve(`${r.host}/team/app:v1`, opts({ signal: abort.signal }));
    const req = await r.requestArrived();
    const closed = new Promise((resolve) => req.socket.once('close', resolve));
    abort.abort();
    const err = await failure(pending);
    expect(err.code).toBe('Timeout');
    expect(err.message).toBe(`HEAD http://${r.host}/v2/team/app/manifests/v1: timed out waiting for the registry`);
    await closed;
  });

  test('through resolveDigests, digest-resolution-timeout on the clock ends a hanging resolution with the Revision message', async () => {
    const r = await start({ hang: true });
    const clock = new FakeClock();
    const image = `${r.host}/team/app:v1`;
    const pending = resolveDigests(rev({ spec: { containers: [{ name: 'user-container', image }] } }), new DigestResolver(), { registriesSkippingTagResolving: [], timeoutMs: 5_000, clock });
    await r.requestArrived();
    clock.advance(5_000);
    await expect(pending).rejects.toMatchObject({ code: 'ImageResolution', message: `Unable to fetch image ${JSON.stringify(image)}: failed to resolve image to digest: digest resolution timed out after 5000ms` });
  });

  test('a registry nobody listens on fails as Unreachable', async () => {
    const r = await start();
    const host = r.host;
    await r.close();
    registry = undefined;
    const err = await failure(new DigestResolver().resolve(`${host}/team/app:v1`, opts()));
    expect(err.code).toBe('Unreachable');
    expect(err.message).toMatch(new RegExp(`^HEAD http://${host.replace(/\./g, '\\.')}/v2/team/app/manifests/v1: .*ECONNREFUSED`));
  });

  test('an oversized manifest is refused', async () => {
    const r = await start({ digestHeader: false, manifests: { 'team/app:v1': 'x'.repeat(4 * 1024 * 1024 + 1) } });
    expect((await failure(new DigestResolver().resolve(`${r.host}/team/app:v1`, opts()))).code).toBe('UnexpectedResponse');
  });
});

describe('DigestResolver without asking a registry', () => {
  const SHA = `sha256:${'a'.repeat(64)}`;
  // Nothing listens on port 9 of 127.0.0.1: any request would fail the test.
  test.each([
    { name: 'a digest reference is returned as it is', image: `127.0.0.1:9/team/app@${SHA}`, want: `127.0.0.1:9/team/app@${SHA}` },
    { name: 'a tag and digest reference is returned as it is', image: `nginx:1.27@${SHA}`, want: `nginx:1.27@${SHA}` },
    { name: 'a registry skipping tag resolving gives no digest', image: 'kind.local/app:dev', want: '' },
    { name: 'ko.local images are skipped too', image: 'ko.local/github.com/org/cmd/app', want: '' },
  ])('$name', async ({ image, want }) => {
    expect(await new DigestResolver().resolve(image, opts())).toBe(want);
  });

  test.each([
    { name: 'uppercase repository', image: 'ghcr.io/Org/app:v1', want: 'repository "Org/app"' },
    { name: 'bad digest', image: 'ghcr.io/org/app@sha256:abc', want: 'digest "sha256:abc"' },
    { name: 'empty', image: '', want: 'a repository name must be specified' },
  ])('an invalid reference ($name) fails as InvalidReference', async ({ image, want }) => {
    const err = await failure(new DigestResolver().resolve(image, opts()));
    expect(err.code).toBe('InvalidReference');
    expect(err.message).toContain(`failed to parse image name ${JSON.stringify(image)} into a tag: ${want}`);
  });
});

describe('the Revision controller with tag-resolution on', () => {
  /** Runs the controller with its default resolver until `done` holds for the revision. */
  async function runUntil(image: string, done: (r: Revision) => boolean): Promise<{ store: MemoryStore; revision: Revision }> {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock, requireNamespaces: false });
    await store.create(serving.revisions, rev({ spec: { containers: [{ name: 'user-container', image }] } }));
    const informers = new SharedInformerFactory({ client: store, clock, logger: noopLogger });
    const config = staticConfig({ deployment: { ...DEFAULT_CONFIG_DEPLOYMENT, tagResolution: true } });
    const controller = createRevisionController({ client: store, informers, clock, logger: noopLogger, config });
    const stop = new AbortController();
    const running = controller.run(stop.signal);
    try {
      // The registry answers over real sockets, so this polls in real time.
      for (let i = 0; i < 200; i++) {
        const revision = await store.get(serving.revisions, 'default', 'hello-00001');
        if (done(revision)) return { store, revision };
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the revision never got there');
    } finally {
      stop.abort();
      await running;
      await informers.stop();
    }
  }

  test('by default resolves the tag at the registry and runs the digest', async () => {
    const r = await start();
    const { store, revision } = await runUntil(`${r.host}/team/app:v1`, (x) => x.status?.containerStatuses?.[0]?.imageDigest !== undefined);
    expect(revision.status?.containerStatuses).toEqual([{ name: 'user-container', imageDigest: `${r.host}/team/app@${DIGEST}` }]);
    const d = await store.get(apps.deployments, 'default', 'hello-00001-deployment');
    expect(d.spec?.template.spec?.containers[0]?.image).toBe(`${r.host}/team/app@${DIGEST}`);
    expect(r.requests[0]?.userAgent).toBe('knot (serving)');
  });

  test('an unknown tag fails the revision as ContainerMissing with the registry’s reason', async () => {
    const r = await start();
    const image = `${r.host}/team/app:nope`;
    const { revision } = await runUntil(image, (x) => x.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'False') ?? false);
    const message = `Unable to fetch image ${JSON.stringify(image)}: failed to resolve image to digest: GET http://${r.host}/v2/team/app/manifests/nope: MANIFEST_UNKNOWN: manifest unknown`;
    expect(revision.status?.conditions?.filter((c) => c.type !== 'ResourcesAvailable')).toEqual([
      expect.objectContaining({ type: 'ContainerHealthy', status: 'False', reason: 'ContainerMissing', message }),
      expect.objectContaining({ type: 'Ready', status: 'False', reason: 'ContainerMissing', message }),
    ]);
  });
});
