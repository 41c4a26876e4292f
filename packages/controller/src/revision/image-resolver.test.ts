import type { Revision } from '@knot/api';
import { FakeClock, runTableTest, type TableRow } from '@knot/runtime/testing';
import { DEFAULT_SERVING_CONFIG } from '../controller-env.js';
import { withStatus } from '../testing/fixtures.js';
import { resolveDigests, type ImageResolveOptions, type ImageResolver } from './image-resolver.js';
import { cond, rev } from './testing/revision-fixtures.js';
import { deployingStatus, deployment, makeRevisionReconciler, podAutoscaler, revisionTableOptions, type RevisionRowContext } from './testing/revision-table.js';

const DIGEST = 'ghcr.io/knot/hello@sha256:0b8d7c1e';

/** Resolves from a table, failing for images it does not know, and remembers what it was asked. */
class TableResolver implements ImageResolver {
  readonly asked: { image: string; opts: Omit<ImageResolveOptions, 'signal'> }[] = [];
  readonly #digests: Record<string, string>;

  constructor(digests: Record<string, string>) {
    this.#digests = digests;
  }

  resolve(image: string, opts: ImageResolveOptions): Promise<string> {
    const { signal: _signal, ...rest } = opts;
    this.asked.push({ image, opts: rest });
    const digest = this.#digests[image];
    return digest === undefined ? Promise.reject(new Error('MANIFEST_UNKNOWN: manifest unknown')) : Promise.resolve(digest);
  }
}

const never: ImageResolver = { resolve: () => Promise.reject(new Error('the resolver must not be asked')) };
const on = { deployment: { ...DEFAULT_SERVING_CONFIG.deployment, tagResolution: true } };
const ctx = (imageResolver: ImageResolver, config = on): RevisionRowContext => ({ imageResolver, config });

const KEY = 'default/hello-00001';
const r = rev();
const resolved: Revision = withStatus(r, { containerStatuses: [{ name: 'user-container', imageDigest: DIGEST }] });
const MISSING = 'Unable to fetch image "ghcr.io/knot/hello:1": failed to resolve image to digest: MANIFEST_UNKNOWN: manifest unknown';

const rows: TableRow[] = [
  {
    name: 'with tag-resolution on, the Deployment runs the digest the tag had',
    key: KEY,
    ctx: ctx(new TableResolver({ 'ghcr.io/knot/hello:1': DIGEST })),
    objects: [r],
    wantCreates: [deployment(resolved), podAutoscaler(r)],
    wantStatusUpdates: [withStatus(r, { ...deployingStatus, containerStatuses: [{ name: 'user-container', imageDigest: DIGEST }] })],
  },
  {
    name: 'an image that does not resolve fails the revision as ContainerMissing',
    key: KEY,
    ctx: ctx(new TableResolver({})),
    objects: [r],
    wantStatusUpdates: [
      withStatus(r, {
        observedGeneration: 1,
        conditions: [cond('ContainerHealthy', 'False', 'ContainerMissing', MISSING), cond('Ready', 'False', 'ContainerMissing', MISSING), cond('ResourcesAvailable', 'Unknown', 'ResolvingDigests')],
      }),
    ],
    wantEvents: [`Warning InternalError ${MISSING}`],
    wantErr: 'ImageResolution',
  },
  {
    name: 'digests already resolved are not resolved again',
    key: KEY,
    ctx: ctx(never),
    objects: [resolved],
    wantCreates: [deployment(resolved), podAutoscaler(r)],
    wantStatusUpdates: [withStatus(r, { ...deployingStatus, containerStatuses: [{ name: 'user-container', imageDigest: DIGEST }] })],
  },
  {
    name: 'with tag-resolution off (the default) tags run as they are',
    key: KEY,
    ctx: ctx(never, DEFAULT_SERVING_CONFIG),
    objects: [r],
    wantCreates: [deployment(r), podAutoscaler(r)],
    wantStatusUpdates: [withStatus(r, deployingStatus)],
  },
  {
    name: 'with tag-resolution on but no resolver, tags run as they are',
    key: KEY,
    ctx: { config: on },
    objects: [r],
    wantCreates: [deployment(r), podAutoscaler(r)],
    wantStatusUpdates: [withStatus(r, deployingStatus)],
  },
];

describe('image digest resolution in the reconciler', () => {
  runTableTest(rows, makeRevisionReconciler, revisionTableOptions);
});

describe('resolveDigests', () => {
  const spec = {
    serviceAccountName: 'puller',
    imagePullSecrets: [{ name: 'regcred' }],
    initContainers: [{ name: 'init', image: 'ghcr.io/knot/init:1' }],
    containers: [{ name: 'user-container', image: 'ghcr.io/knot/hello:1' }, { name: 'side', image: 'kind.local/side:dev' }],
  };

  test('resolves every container with the pods’ credentials and the skipped registries', async () => {
    const resolver = new TableResolver({ 'ghcr.io/knot/init:1': 'ghcr.io/knot/init@sha256:1', 'ghcr.io/knot/hello:1': DIGEST, 'kind.local/side:dev': '' });
    const got = await resolveDigests(rev({ spec }), resolver, { registriesSkippingTagResolving: ['kind.local'], timeoutMs: 10_000, clock: new FakeClock() });
    expect(got).toEqual({
      initContainerStatuses: [{ name: 'init', imageDigest: 'ghcr.io/knot/init@sha256:1' }],
      containerStatuses: [
        { name: 'user-container', imageDigest: DIGEST },
        { name: 'side', imageDigest: '' },
      ],
    });
    expect(resolver.asked[0]?.opts).toEqual({ namespace: 'default', serviceAccountName: 'puller', imagePullSecrets: ['regcred'], registriesSkippingTagResolving: ['kind.local'] });
  });

  test('a registry that does not answer in time fails with the timeout', async () => {
    const clock = new FakeClock();
    let signal: AbortSignal | undefined;
    const hanging: ImageResolver = {
      resolve: (_image, opts) => {
        signal = opts.signal;
        return new Promise<string>(() => {});
      },
    };
    const pending = resolveDigests(rev(), hanging, { registriesSkippingTagResolving: [], timeoutMs: 10_000, clock });
    clock.advance(9_999);
    expect(signal?.aborted).toBe(false);
    clock.advance(1);
    await expect(pending).rejects.toMatchObject({ code: 'ImageResolution', message: 'Unable to fetch image "ghcr.io/knot/hello:1": failed to resolve image to digest: digest resolution timed out after 10000ms' });
    expect(signal?.aborted).toBe(true);
  });
});
