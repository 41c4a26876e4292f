import { isApiError } from '@knot/runtime';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

const pod = {
  metadata: { name: 'p', labels: { a: '1', b: '2' }, finalizers: ['x', 'y'] },
  spec: {
    containers: [
      { name: 'app', image: 'app:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 8080, name: 'http' }] },
      { name: 'side', image: 'side:1', volumeMounts: [{ mountPath: '/data', name: 'data' }] },
    ],
    tolerations: [{ key: 'k1' }],
  },
};

test.each([
  { name: 'maps merge and null removes a key', patch: { metadata: { labels: { a: null, c: '3' } } }, path: 'metadata.labels', want: { b: '2', c: '3' } },
  { name: 'containers merge by name, unnamed fields kept', patch: { spec: { containers: [{ name: 'app', image: 'app:2' }] } }, path: 'spec.containers', want: [{ ...pod.spec.containers[0], image: 'app:2' }, pod.spec.containers[1]] },
  { name: 'a new container is appended', patch: { spec: { containers: [{ name: 'new', image: 'n' }] } }, path: 'spec.containers', want: [...pod.spec.containers, { name: 'new', image: 'n' }] },
  { name: '$patch: delete removes a list element by key', patch: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } }, path: 'spec.containers', want: [pod.spec.containers[0]] },
  { name: 'env merges by name inside a merged container', patch: { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: 'b' }, { name: 'C', value: 'c' }] }] } }, path: 'spec.containers.0.env', want: [{ name: 'A', value: '1' }, { name: 'B', value: 'b' }, { name: 'C', value: 'c' }] },
  { name: 'container ports merge by containerPort', patch: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 8080, protocol: 'TCP' }] }] } }, path: 'spec.containers.0.ports', want: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }] },
  { name: 'volumeMounts merge by mountPath', patch: { spec: { containers: [{ name: 'side', volumeMounts: [{ mountPath: '/data', readOnly: true }] }] } }, path: 'spec.containers.1.volumeMounts', want: [{ mountPath: '/data', name: 'data', readOnly: true }] },
  { name: 'a list without a merge key is replaced', patch: { spec: { tolerations: [{ key: 'k2' }] } }, path: 'spec.tolerations', want: [{ key: 'k2' }] },
  { name: 'finalizers merge as a set', patch: { metadata: { finalizers: ['y', 'z'] } }, path: 'metadata.finalizers', want: ['x', 'y', 'z'] },
  { name: '$deleteFromPrimitiveList removes values', patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } }, path: 'metadata.finalizers', want: ['y'] },
  { name: '$setElementOrder is dropped', patch: { spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'app' }] } }, path: 'spec.containers', want: pod.spec.containers },
  { name: '$patch: replace on a map replaces it', patch: { metadata: { labels: { $patch: 'replace', only: 'me' } } }, path: 'metadata.labels', want: { only: 'me' } },
  { name: '$patch: replace in a list replaces the list', patch: { spec: { containers: [{ $patch: 'replace' }, { name: 'solo', image: 's' }] } }, path: 'spec.containers', want: [{ name: 'solo', image: 's' }] },
  { name: '$retainKeys keeps only the listed keys', patch: { metadata: { labels: { $retainKeys: ['a', 'c'], c: '3' } } }, path: 'metadata.labels', want: { a: '1', c: '3' } },
  { name: 'directives inside an added element are dropped', patch: { spec: { containers: [{ name: 'new', image: 'n', env: [{ name: 'X', $patch: 'delete' }] }] } }, path: 'spec.containers.2', want: { name: 'new', image: 'n', env: [] } },
])('$name', ({ patch, path, want }) => {
  const out = applyStrategicMergePatch(pod, patch);
  const at = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], out);
  expect(at).toEqual(want);
});

test('the target is not changed', () => {
  const before = structuredClone(pod);
  applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'app', image: 'changed' }] }, metadata: { labels: null } });
  expect(pod).toEqual(before);
});

test('a __proto__ key stays a plain field', () => {
  const out = applyStrategicMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": 1}}')) as Record<string, unknown>;
  expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.hasOwn(out, '__proto__')).toBe(true);
});

test.each([
  { name: 'a patch that is not an object', patch: [1, 2] },
  { name: 'an unknown $patch directive', patch: { metadata: { $patch: 'explode' } } },
])('$name is a BadRequest', ({ patch }) => {
  let caught: unknown;
  try {
    applyStrategicMergePatch(pod, patch);
  } catch (err) {
    caught = err;
  }
  expect(isApiError(caught, 'BadRequest')).toBe(true);
});
