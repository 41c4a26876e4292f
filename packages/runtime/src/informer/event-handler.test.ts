import type { KubeObject } from '@knot/api';
import { enqueueOwnerOfKind, filterByLabel, filterByNamespace, filterByOwnerKind, filtered, handleAll, type ResourceEventHandler } from './event-handler.js';
import { objectKey, splitKey } from './key.js';

const obj = (meta: NonNullable<KubeObject['metadata']>): KubeObject => ({ metadata: { name: 'x', ...meta } });
const owned = (apiVersion: string, kind: string, controller = true) =>
  obj({ namespace: 'ns', ownerReferences: [{ apiVersion, kind, name: 'parent', uid: 'u', controller }] });

function recorder(): { calls: string[]; handler: ResourceEventHandler<KubeObject> } {
  const calls: string[] = [];
  const name = (o: KubeObject) => `${o.metadata?.namespace}/${o.metadata?.labels?.v ?? ''}`;
  return {
    calls,
    handler: { onAdd: (o) => calls.push(`add ${name(o)}`), onUpdate: (a, b) => calls.push(`update ${name(a)}->${name(b)}`), onDelete: (o) => calls.push(`delete ${name(o)}`) },
  };
}

describe('filters', () => {
  test.each([
    { name: 'namespace match', filter: filterByNamespace('a'), o: obj({ namespace: 'a' }), want: true },
    { name: 'namespace mismatch', filter: filterByNamespace('a'), o: obj({ namespace: 'b' }), want: false },
    { name: 'label present', filter: filterByLabel('app'), o: obj({ labels: { app: '' } }), want: true },
    { name: 'label with value', filter: filterByLabel('app', 'web'), o: obj({ labels: { app: 'web' } }), want: true },
    { name: 'label with other value', filter: filterByLabel('app', 'web'), o: obj({ labels: { app: 'db' } }), want: false },
    { name: 'no labels', filter: filterByLabel('app'), o: obj({}), want: false },
    { name: 'owner of group and kind', filter: filterByOwnerKind('serving.knative.dev', 'Service'), o: owned('serving.knative.dev/v1', 'Service'), want: true },
    { name: 'owner of another group', filter: filterByOwnerKind('serving.knative.dev', 'Service'), o: owned('v1', 'Service'), want: false },
    { name: 'core group owner', filter: filterByOwnerKind('', 'Service'), o: owned('v1', 'Service'), want: true },
    { name: 'owner that is not the controller', filter: filterByOwnerKind('serving.knative.dev', 'Service'), o: owned('serving.knative.dev/v1', 'Service', false), want: false },
  ])('$name', ({ filter, o, want }) => {
    expect(filter(o)).toBe(want);
  });
});

describe('filtered', () => {
  test('turns updates across the filter boundary into adds and deletes', () => {
    const { calls, handler } = recorder();
    const h = filtered(filterByNamespace('in'), handler);
    const at = (ns: string, v: string) => obj({ namespace: ns, labels: { v } });
    h.onAdd?.(at('in', '1'));
    h.onAdd?.(at('out', '1'));
    h.onUpdate?.(at('in', '1'), at('in', '2'));
    h.onUpdate?.(at('out', '1'), at('in', '3'));
    h.onUpdate?.(at('in', '3'), at('out', '4'));
    h.onUpdate?.(at('out', '4'), at('out', '5'));
    h.onDelete?.(at('in', '6'));
    h.onDelete?.(at('out', '7'));
    expect(calls).toEqual(['add in/1', 'update in/1->in/2', 'add in/3', 'delete in/3', 'delete in/6']);
  });

  test('handleAll calls one function with the newest object', () => {
    const seen: string[] = [];
    const h = handleAll((o: KubeObject) => seen.push(o.metadata?.name ?? ''));
    h.onAdd?.(obj({ name: 'a' }));
    h.onUpdate?.(obj({ name: 'old' }), obj({ name: 'new' }));
    h.onDelete?.(obj({ name: 'gone' }));
    expect(seen).toEqual(['a', 'new', 'gone']);
  });

  test('enqueueOwnerOfKind enqueues the controlling owner of matching children only', () => {
    const keys: string[] = [];
    const h = enqueueOwnerOfKind('serving.knative.dev', 'Configuration', (k) => keys.push(k));
    h.onAdd?.(owned('serving.knative.dev/v1', 'Configuration'));
    h.onAdd?.(owned('serving.knative.dev/v1', 'Route'));
    h.onDelete?.(owned('serving.knative.dev/v1', 'Configuration'));
    expect(keys).toEqual(['ns/parent', 'ns/parent']);
  });
});

describe('keys', () => {
  test.each([
    { name: 'namespaced', o: obj({ namespace: 'ns', name: 'a' }), key: 'ns/a', split: { namespace: 'ns', name: 'a' } },
    { name: 'cluster-scoped', o: obj({ name: 'a' }), key: 'a', split: { namespace: undefined, name: 'a' } },
  ])('$name', ({ o, key, split }) => {
    expect(objectKey(o)).toBe(key);
    expect(splitKey(key)).toEqual(split);
  });
});
