import { core } from '@knot/api';
import { ApiError, MemoryStore, type Client } from '@knot/runtime';
import type { Secret } from 'kubernetes-types/core/v1.js';
import { keychainFromSecrets, loadPullKeychain } from './pull-credentials.js';
import { RegistryError } from './registry-error.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const auth = (user: string) => ({ auth: b64(`${user}:pw-${user}`) });

function dockerConfigJson(name: string, auths: Record<string, unknown>): Secret {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { namespace: 'default', name }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ auths })) } };
}

describe('PullKeychain', () => {
  const keychain = keychainFromSecrets([
    dockerConfigJson('a', {
      'https://index.docker.io/v1/': auth('hub'),
      'ghcr.io': auth('ghcr'),
      'ghcr.io/team': auth('team'),
      'https://*.pkg.dev': auth('wild'),
      'registry.local:5000': { username: 'local', password: 'pw-local' },
      'broken.io': { auth: b64('no-colon') },
    }),
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'legacy' }, type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64(JSON.stringify({ 'quay.io': auth('quay'), 'ghcr.io': auth('second') })) } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'opaque' }, type: 'Opaque', data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { 'gcr.io': auth('opaque') } })) } },
  ]);

  test.each([
    { name: 'docker hub by its v1 URL', registry: 'index.docker.io', repository: 'library/nginx', want: 'hub' },
    { name: 'a registry by host', registry: 'ghcr.io', repository: 'other/app', want: 'ghcr' },
    { name: 'a path is more specific than the host', registry: 'ghcr.io', repository: 'team/app', want: 'team' },
    { name: 'a path matches whole segments only', registry: 'ghcr.io', repository: 'teamwork/app', want: 'ghcr' },
    { name: 'a wildcard matches one label', registry: 'europe-docker.pkg.dev', repository: 'p/r/app', want: 'wild' },
    { name: 'a wildcard does not match two labels', registry: 'a.b.pkg.dev', repository: 'app', want: undefined },
    { name: 'the port is part of the host', registry: 'registry.local:5000', repository: 'app', want: 'local' },
    { name: 'another port does not match', registry: 'registry.local:5001', repository: 'app', want: undefined },
    { name: 'a legacy dockercfg secret counts', registry: 'quay.io', repository: 'org/app', want: 'quay' },
    { name: 'an Opaque secret does not', registry: 'gcr.io', repository: 'p/app', want: undefined },
    { name: 'an auth without a colon is no credential', registry: 'broken.io', repository: 'app', want: undefined },
  ])('$name', ({ registry, repository, want }) => {
    expect(keychain.credentialsFor(registry, repository)?.username).toBe(want);
  });

  test('a secret whose config is not JSON fails as CredentialsUnavailable naming the secret', () => {
    const bad: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { namespace: 'default', name: 'bad' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{not json') } };
    expect(() => keychainFromSecrets([bad])).toThrow(RegistryError);
    expect(() => keychainFromSecrets([bad])).toThrow('secret default/bad: .dockerconfigjson is not JSON');
  });
});

describe('loadPullKeychain', () => {
  async function store(serviceAccount: string | undefined) {
    const s = new MemoryStore({ requireNamespaces: false });
    await s.create(core.secrets, dockerConfigJson('explicit', { 'ghcr.io': auth('explicit') }));
    await s.create(core.secrets, dockerConfigJson('from-sa', { 'ghcr.io': auth('sa'), 'quay.io': auth('sa-quay') }));
    if (serviceAccount) await s.create(core.serviceAccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { namespace: 'default', name: serviceAccount }, imagePullSecrets: [{ name: 'from-sa' }, { name: 'gone' }] });
    return s;
  }

  test.each([
    { name: 'the revision’s own secrets come before its service account’s', sa: 'puller', sas: 'puller', secrets: ['explicit'], want: { ghcr: 'explicit', quay: 'sa-quay' } },
    { name: 'an unset service account is default', sa: 'default', sas: undefined, secrets: [], want: { ghcr: 'sa', quay: 'sa-quay' } },
    { name: 'a missing service account and missing secrets are skipped', sa: undefined, sas: 'nobody', secrets: ['gone', 'explicit'], want: { ghcr: 'explicit', quay: undefined } },
  ])('$name', async ({ sa, sas, secrets, want }) => {
    const keychain = await loadPullKeychain(await store(sa), { namespace: 'default', serviceAccountName: sas, imagePullSecrets: secrets });
    expect({ ghcr: keychain.credentialsFor('ghcr.io', 'x/app')?.username, quay: keychain.credentialsFor('quay.io', 'x/app')?.username }).toEqual(want);
  });

  test('a service account that cannot be read fails as CredentialsUnavailable', async () => {
    class Forbidding extends MemoryStore {
      override get: Client['get'] = (rt, ns, name) => Promise.reject(new ApiError('Forbidden', `${rt.plural} "${name}" is forbidden in ${ns ?? ''}`));
    }
    const err: unknown = await loadPullKeychain(new Forbidding(), { namespace: 'default', serviceAccountName: 'puller', imagePullSecrets: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err).toMatchObject({ code: 'CredentialsUnavailable', message: 'failed to initialize authentication: reading serviceaccount default/puller: serviceaccounts "puller" is forbidden in default' });
  });
});
