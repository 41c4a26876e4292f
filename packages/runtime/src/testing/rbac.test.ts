import { serving, apps } from '@knot/api';
import { MemoryStore } from '../memory/memory-store.js';
import { AuditingClient, grantsOf, permits, summarizeRules, type ManifestDoc } from './rbac.js';

const SA = { namespace: 'knative-serving', name: 'controller' };
const subject = { kind: 'ServiceAccount', namespace: SA.namespace, name: SA.name };
const docs: ManifestDoc[] = [
  { kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [{ apiGroups: ['serving.knative.dev'], resources: ['services'], verbs: ['get', 'list'] }] },
  { kind: 'ClusterRoleBinding', metadata: { name: 'reader' }, roleRef: { kind: 'ClusterRole', name: 'reader' }, subjects: [subject] },
  { kind: 'Role', metadata: { name: 'lease', namespace: 'knative-serving' }, rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'update'], resourceNames: ['knot-controller'] }] },
  { kind: 'RoleBinding', metadata: { name: 'lease', namespace: 'knative-serving' }, roleRef: { kind: 'Role', name: 'lease' }, subjects: [subject] },
  // Bound to somebody else: must not count.
  { kind: 'ClusterRole', metadata: { name: 'admin' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
  { kind: 'ClusterRoleBinding', metadata: { name: 'admin' }, roleRef: { kind: 'ClusterRole', name: 'admin' }, subjects: [{ ...subject, name: 'other' }] },
];

describe('grantsOf and permits', () => {
  const grants = grantsOf(docs, SA);

  it('collects only the rules bound to the ServiceAccount', () => {
    expect(summarizeRules(grants.cluster)).toEqual({ 'serving.knative.dev/services': ['get', 'list'] });
    expect(summarizeRules(grants.namespaced.get('knative-serving') ?? [])).toEqual({ 'coordination.k8s.io/leases[knot-controller]': ['get', 'update'] });
  });

  it.each([
    { name: 'a cluster-wide read', call: { verb: 'list', group: 'serving.knative.dev', resource: 'services', namespace: 'default', name: undefined }, want: true },
    { name: 'a verb not granted', call: { verb: 'delete', group: 'serving.knative.dev', resource: 'services', namespace: 'default', name: 'x' }, want: false },
    { name: 'the named lease in its namespace', call: { verb: 'update', group: 'coordination.k8s.io', resource: 'leases', namespace: 'knative-serving', name: 'knot-controller' }, want: true },
    { name: 'another lease', call: { verb: 'update', group: 'coordination.k8s.io', resource: 'leases', namespace: 'knative-serving', name: 'other' }, want: false },
    { name: 'the lease in another namespace', call: { verb: 'get', group: 'coordination.k8s.io', resource: 'leases', namespace: 'default', name: 'knot-controller' }, want: false },
    { name: 'a subresource is not its resource', call: { verb: 'get', group: 'serving.knative.dev', resource: 'services/status', namespace: 'default', name: 'x' }, want: false },
  ])('$name', ({ call, want }) => {
    expect(permits(grants, call)).toBe(want);
  });

  it('honours wildcards', () => {
    expect(permits(grantsOf(docs, { ...SA, name: 'other' }), { verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'x', name: 'y' })).toBe(true);
  });
});

describe('AuditingClient', () => {
  it('notes reads, writes with their subresource, and the owner finalizers a blocking owner reference needs', async () => {
    const client = new AuditingClient(new MemoryStore({ initialNamespaces: ['default'] }));
    const svc = await client.create(serving.services, { metadata: { namespace: 'default', name: 'hello' }, spec: { template: { spec: { containers: [{ name: 'user-container', image: 'x' }] } } } });
    await client.create(apps.deployments, {
      metadata: { namespace: 'default', name: 'd', ownerReferences: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello', uid: svc.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }] },
      spec: { selector: {}, template: {} },
    });
    await client.updateStatus(serving.services, svc).catch(() => undefined);
    await client.list(serving.services, 'default');
    expect(client.calls.map((c) => `${c.verb} ${c.group || 'core'}/${c.resource} ${c.namespace ?? '-'}/${c.name ?? '-'}`)).toEqual([
      'create serving.knative.dev/services default/hello',
      'create apps/deployments default/d',
      'update serving.knative.dev/services/finalizers default/hello',
      'update serving.knative.dev/services/status default/hello',
      'list serving.knative.dev/services default/-',
    ]);
  });
});
