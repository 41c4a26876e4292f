import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { kubeconfigDocument, KubeconfigError, writeKubeconfig } from './kubeconfig.js';
import { servingCertificate } from './serving-certificate.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'knot-kubeconfig-'));
});

afterEach(() => rm(dir, { recursive: true, force: true }));

const { caCert } = servingCertificate({ now: new Date(), validityMs: 60_000 });

test('writes a kubeconfig only its owner can read, with knot-dev as the current context', async () => {
  const path = join(dir, 'nested', 'kubeconfig');
  await writeKubeconfig(path, { url: 'https://127.0.0.1:6443/', token: 'tok', caCert, namespace: 'team-a' });
  expect((await stat(path)).mode & 0o777).toBe(0o600);
  const kc = new KubeConfig();
  kc.loadFromString(await readFile(path, 'utf8'));
  expect(kc.getCurrentContext()).toBe('knot-dev');
  expect(kc.getContextObject('knot-dev')).toMatchObject({ cluster: 'knot-dev', user: 'knot-dev-admin', namespace: 'team-a' });
  expect(kc.getCurrentCluster()).toMatchObject({ name: 'knot-dev', server: 'https://127.0.0.1:6443' });
  expect(Buffer.from(kc.getCurrentCluster()?.caData ?? '', 'base64').toString()).toBe(caCert);
  expect(kc.getCurrentUser()).toMatchObject({ name: 'knot-dev-admin', token: 'tok' });
});

test('writing again replaces the file', async () => {
  const path = join(dir, 'kubeconfig');
  await writeKubeconfig(path, { url: 'https://127.0.0.1:1', token: 'one', caCert });
  await writeKubeconfig(path, { url: 'https://127.0.0.1:2', token: 'two', caCert });
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  expect(kc.getCurrentUser()?.token).toBe('two');
});

test.each([
  { name: 'a URL that does not parse', opts: { url: 'not a url', token: 't' }, message: 'kubeconfig url: "not a url" is not a URL' },
  { name: 'a URL of another scheme', opts: { url: 'ftp://127.0.0.1', token: 't' }, message: 'kubeconfig url: expected http or https, got ftp:' },
  { name: 'an empty token', opts: { url: 'https://127.0.0.1', token: '' }, message: 'kubeconfig token: must be a non-empty string without whitespace' },
  { name: 'a CA that is not PEM', opts: { url: 'https://127.0.0.1', token: 't', caCert: 'nope' }, message: 'kubeconfig caCert: expected a PEM certificate' },
])('$name is a KubeconfigError', ({ opts, message }) => {
  expect(() => kubeconfigDocument(opts)).toThrow(new KubeconfigError(message));
  try {
    kubeconfigDocument(opts);
  } catch (err) {
    expect((err as KubeconfigError).code).toBe('ERR_KUBECONFIG');
  }
});
