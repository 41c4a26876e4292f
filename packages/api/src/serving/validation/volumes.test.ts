import type { ConfigFeatures } from '../../config/config-features.js';
import { validateService } from './service.js';
import { outcome, serviceWith } from './testing/fixtures.js';
import { cleanPath } from './volumes.js';

const S = 'spec.template.spec';
const C = `${S}.containers[0]`;

interface Row {
  name: string;
  volumes: unknown[];
  mounts: unknown[];
  features?: Partial<ConfigFeatures>;
  want: string;
}

function check({ volumes, mounts, features, want }: Row): void {
  const spec = { containers: [{ image: 'ghcr.io/knative/helloworld-go', volumeMounts: mounts }], volumes };
  const got = outcome(validateService(serviceWith(spec), { features }));
  expect(got).toEqual(want === '' ? '' : expect.stringContaining(want));
}

const secret = { name: 'creds', secret: { secretName: 's' } };
const mount = (name: string, mountPath: string, extra: Record<string, unknown> = {}) => ({ name, mountPath, readOnly: true, ...extra });

describe('volumes', () => {
  test.each<Row>([
    { name: 'secret volume', volumes: [secret], mounts: [mount('creds', '/creds')], want: '' },
    { name: 'configMap with items', volumes: [{ name: 'cfg', configMap: { name: 'c', items: [{ key: 'a', path: 'a.txt' }] } }], mounts: [mount('cfg', '/cfg')], want: '' },
    { name: 'projected token and config', volumes: [{ name: 'p', projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { configMap: { name: 'c' } }] } }], mounts: [mount('p', '/p')], want: '' },
    { name: 'emptyDir is on by default', volumes: [{ name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }], mounts: [{ name: 'scratch', mountPath: '/tmp/x' }], want: '' },
    { name: 'not mounted', volumes: [secret], mounts: [], want: `${S}.volumes[0].name: volume "creds" is not mounted by any container` },
    { name: 'mount without volume', volumes: [], mounts: [mount('ghost', '/ghost')], want: `${C}.volumeMounts[0].name: no volume named "ghost" in spec.volumes` },
    { name: 'duplicate volume', volumes: [secret, secret], mounts: [mount('creds', '/creds')], want: `${S}.volumes[1].name: duplicate volume name "creds"` },
    { name: 'volume name', volumes: [{ name: 'Creds', secret: { secretName: 's' } }], mounts: [mount('Creds', '/c')], want: `${S}.volumes[0].name: invalid value "Creds"` },
    { name: 'no source', volumes: [{ name: 'v' }], mounts: [mount('v', '/v')], want: `${S}.volumes[0]: expected exactly one of secret, configMap, projected, emptyDir, got none` },
    { name: 'two sources', volumes: [{ name: 'v', secret: { secretName: 's' }, configMap: { name: 'c' } }], mounts: [mount('v', '/v')], want: 'got secret and configMap' },
    { name: 'nfs is never allowed', volumes: [{ name: 'v', nfs: { server: 'x', path: '/' } }], mounts: [mount('v', '/v')], want: `${S}.volumes[0].nfs: must not be set` },
    { name: 'hostPath is off', volumes: [{ name: 'v', hostPath: { path: '/var' } }], mounts: [mount('v', '/v')], want: `${S}.volumes[0].hostPath: HostPath volume support is disabled (config-features kubernetes.podspec-volumes-hostpath)` },
    { name: 'hostPath when on', volumes: [{ name: 'v', hostPath: { path: '/var' } }], mounts: [mount('v', '/v')], features: { podSpecVolumesHostPath: 'Enabled' }, want: '' },
    { name: 'emptyDir turned off', volumes: [{ name: 'v', emptyDir: {} }], mounts: [mount('v', '/v')], features: { podSpecVolumesEmptyDir: 'Disabled' }, want: 'EmptyDir volume support is disabled' },
    { name: 'pvc is off', volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'c', readOnly: true } }], mounts: [mount('v', '/v')], want: 'Persistent volume claim volume support is disabled' },
    { name: 'writable pvc needs the write flag', volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'c' } }], mounts: [mount('v', '/v')], features: { podSpecPersistentVolumeClaim: 'Enabled' }, want: `${S}.volumes[0].persistentVolumeClaim.readOnly: must be true unless config-features kubernetes.podspec-persistent-volume-write is enabled` },
    { name: 'read-only pvc mounted writable', volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'c', readOnly: true } }], mounts: [{ name: 'v', mountPath: '/v' }], features: { podSpecPersistentVolumeClaim: 'Enabled' }, want: `${C}.volumeMounts[0].readOnly: must be true: the persistent volume claim is read-only` },
    { name: 'emptyDir medium', volumes: [{ name: 'v', emptyDir: { medium: 'Disk' } }], mounts: [mount('v', '/v')], want: `${S}.volumes[0].emptyDir.medium: must be "" or "Memory", got "Disk"` },
    { name: 'negative sizeLimit', volumes: [{ name: 'v', emptyDir: { sizeLimit: '-1Gi' } }], mounts: [mount('v', '/v')], want: 'emptyDir.sizeLimit: must be a non-negative quantity' },
    { name: 'item without key', volumes: [{ name: 'v', configMap: { name: 'c', items: [{ path: 'p' }] } }], mounts: [mount('v', '/v')], want: `${S}.volumes[0].configMap.items[0].key: required` },
    { name: 'empty projection', volumes: [{ name: 'v', projected: { sources: [{}] } }], mounts: [mount('v', '/v')], want: `${S}.volumes[0].projected.sources[0]: expected exactly one of secret, configMap, serviceAccountToken, downwardAPI, got none` },
    { name: 'downward item without path', volumes: [{ name: 'v', projected: { sources: [{ downwardAPI: { items: [{ fieldRef: { fieldPath: 'metadata.name' } }] } }] } }], mounts: [mount('v', '/v')], want: 'projected.sources[0].downwardAPI.items[0].path: required' },
    { name: 'image volume is off', volumes: [{ name: 'v', image: { reference: 'x/y' } }], mounts: [mount('v', '/v')], want: 'Image volume support is disabled' },
    { name: 'image volume pull policy', volumes: [{ name: 'v', image: { reference: 'x/y', pullPolicy: 'Sometimes' } }], mounts: [mount('v', '/v')], features: { podSpecVolumesImage: 'Enabled' }, want: 'image.pullPolicy: must be IfNotPresent, Always or Never' },
  ])('$name', check);
});

describe('volume mounts', () => {
  test.each<Row>([
    { name: 'relative path', volumes: [secret], mounts: [mount('creds', 'creds')], want: `${C}.volumeMounts[0].mountPath: must be an absolute path, got "creds"` },
    { name: 'missing path', volumes: [secret], mounts: [{ name: 'creds', readOnly: true }], want: `${C}.volumeMounts[0].mountPath: required` },
    { name: 'reserved /dev', volumes: [secret], mounts: [mount('creds', '/dev')], want: `${C}.volumeMounts[0].mountPath: "/dev" is a reserved path` },
    { name: 'reserved / after cleaning', volumes: [secret], mounts: [mount('creds', '/var/..')], want: '"/" is a reserved path' },
    { name: 'same path twice', volumes: [secret, { name: 'b', secret: { secretName: 'b' } }], mounts: [mount('creds', '/a'), mount('b', '/a/')], want: `${C}.volumeMounts[1].mountPath: "/a/" must be unique` },
    { name: 'mount propagation is off', volumes: [secret], mounts: [mount('creds', '/c', { mountPropagation: 'HostToContainer' })], want: 'mountPropagation: must not be set unless config-features kubernetes.podspec-volumes-mount-propagation is enabled' },
    { name: 'mount propagation value', volumes: [secret], mounts: [mount('creds', '/c', { mountPropagation: 'Bidirectional' })], features: { podSpecVolumesMountPropagation: 'Enabled' }, want: 'mountPropagation: must be None or HostToContainer' },
    { name: 'subPathExpr', volumes: [secret], mounts: [mount('creds', '/c', { subPathExpr: '$(POD)' })], want: `${C}.volumeMounts[0].subPathExpr: must not be set` },
  ])('$name', check);
});

describe('cleanPath', () => {
  test.each([
    { path: '/a/b/', want: '/a/b' },
    { path: '/a/./b/../c', want: '/a/c' },
    { path: '//dev', want: '/dev' },
    { path: '/..', want: '/' },
    { path: 'a/../..', want: '..' },
    { path: '', want: '.' },
  ])('$path → $want', ({ path, want }) => {
    expect(cleanPath(path)).toBe(want);
  });
});
