// Discovery, /version, the probes and the OpenAPI document, as clients read them.
import { ALL_RESOURCES, apiVersionOf } from '@knot/api';
import { startTestApi, type TestApi } from './test-fixture.js';

let t: TestApi;

beforeAll(async () => {
  t = await startTestApi();
});

afterAll(() => t.stop());

interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}
interface GroupVersion {
  groupVersion: string;
  version: string;
}
interface ApiGroup {
  name: string;
  versions: GroupVersion[];
  preferredVersion: GroupVersion;
}

async function get<T>(path: string): Promise<T> {
  const reply = await t.request('GET', path);
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toBe('application/json');
  return reply.json<T>();
}

test('/api lists the core version and where to reach the server', async () => {
  expect(await get('/api')).toEqual({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${t.api.port}` }] });
});

test('/apis lists every group with its versions, the preferred one first', async () => {
  const list = await get<{ kind: string; groups: ApiGroup[] }>('/apis');
  expect(list.kind).toBe('APIGroupList');
  const serving = list.groups.find((g) => g.name === 'serving.knative.dev');
  expect(serving?.versions.map((v) => v.groupVersion)).toEqual(['serving.knative.dev/v1', 'serving.knative.dev/v1beta1', 'serving.knative.dev/v1alpha1']);
  expect(serving?.preferredVersion).toEqual({ groupVersion: 'serving.knative.dev/v1', version: 'v1' });
  const names = list.groups.map((g) => g.name);
  for (const group of ['apps', 'coordination.k8s.io', 'autoscaling', 'networking.internal.knative.dev', 'autoscaling.internal.knative.dev', 'eventing.knative.dev', 'messaging.knative.dev', 'sources.knative.dev', 'flows.knative.dev']) {
    expect(names).toContain(group);
  }
  expect(await get('/apis/serving.knative.dev')).toEqual({ kind: 'APIGroup', apiVersion: 'v1', ...serving });
});

test.each(ALL_RESOURCES.map((rt) => ({ name: `${rt.plural}.${rt.group || 'core'}`, rt })))('$name is discoverable with its verbs, scope and subresources', async ({ rt }) => {
  const path = rt.group ? `/apis/${rt.group}/${rt.version}` : `/api/${rt.version}`;
  const list = await get<{ kind: string; groupVersion: string; resources: ApiResource[] }>(path);
  expect(list.kind).toBe('APIResourceList');
  expect(list.groupVersion).toBe(apiVersionOf(rt));
  const resource = list.resources.find((r) => r.name === rt.plural);
  expect(resource).toMatchObject({ singularName: rt.kind.toLowerCase(), namespaced: rt.namespaced, kind: rt.kind });
  expect(resource?.verbs).toEqual(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
  expect(resource?.shortNames ?? []).toEqual(rt.shortNames);
  const status = list.resources.find((r) => r.name === `${rt.plural}/status`);
  expect(status === undefined).toBe(!rt.hasStatus);
  if (status) expect(status.verbs).toEqual(['get', 'patch', 'update']);
});

test('Knative kinds carry their CRD categories; kubectl get all finds pods and services', async () => {
  const serving = await get<{ resources: ApiResource[] }>('/apis/serving.knative.dev/v1');
  expect(serving.resources.find((r) => r.name === 'services')?.categories).toEqual(['all', 'knative', 'serving']);
  const internal = await get<{ resources: ApiResource[] }>('/apis/autoscaling.internal.knative.dev/v1alpha1');
  expect(internal.resources.find((r) => r.name === 'podautoscalers')?.categories).not.toContain('all');
  const coreList = await get<{ resources: ApiResource[] }>('/api/v1');
  expect(coreList.resources.find((r) => r.name === 'pods')?.categories).toEqual(['all']);
  expect(coreList.resources.find((r) => r.name === 'configmaps')?.categories).toBeUndefined();
});

test('older Serving versions are served for the kinds that had them', async () => {
  const alpha = await get<{ resources: ApiResource[] }>('/apis/serving.knative.dev/v1alpha1');
  expect(alpha.resources.filter((r) => !r.name.includes('/')).map((r) => r.name)).toEqual(['configurations', 'domainmappings', 'revisions', 'routes', 'services']);
});

test.each([
  { name: 'an unknown group', path: '/apis/example.com' },
  { name: 'an unknown version', path: '/apis/serving.knative.dev/v9' },
  { name: 'an unknown core version', path: '/api/v2' },
  { name: 'a path outside the API', path: '/metrics' },
  { name: 'OpenAPI v2', path: '/openapi/v2' },
])('$name is a 404 Status', async ({ path }) => {
  const reply = await t.request('GET', path);
  expect(reply.status).toBe(404);
  expect(reply.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 });
});

test('/version, /healthz, /livez and /readyz answer without a token', async () => {
  const version = await t.request('GET', '/version', { token: '' });
  expect(version.json()).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.0+knot' });
  for (const probe of ['/healthz', '/livez', '/readyz']) {
    const reply = await t.request('GET', probe, { token: '' });
    expect({ probe, status: reply.status, text: reply.text }).toEqual({ probe, status: 200, text: 'ok' });
  }
});

test('the OpenAPI v3 document tells kubectl that writes take fieldValidation', async () => {
  const root = await get<{ paths: Record<string, { serverRelativeURL: string }> }>('/openapi/v3');
  const entry = root.paths['apis/serving.knative.dev/v1'];
  expect(entry?.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/serving\.knative\.dev\/v1\?hash=[0-9A-F]+$/);
  const doc = await get<{ paths: Record<string, { patch?: { parameters: { name: string; in: string }[]; 'x-kubernetes-group-version-kind': unknown } }> }>(entry!.serverRelativeURL);
  const patch = doc.paths['/apis/serving.knative.dev/v1/namespaces/{namespace}/services/{name}']?.patch;
  expect(patch?.['x-kubernetes-group-version-kind']).toEqual({ group: 'serving.knative.dev', version: 'v1', kind: 'Service' });
  expect(patch?.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
  expect(Object.keys(root.paths)).toContain('api/v1');
});
