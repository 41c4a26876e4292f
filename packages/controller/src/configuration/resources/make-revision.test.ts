import { NS, T0, configuration, revision, service } from '../../testing/fixtures.js';
import { makeRevision, revisionNameFor } from './make-revision.js';

const NOW = Date.parse(T0);

describe('makeRevision', () => {
  test('stamps <configuration>-<generation> with the configuration labels, pending routing state and a controller reference', () => {
    const config = configuration('hello', { generation: 3 });
    const { uid: _uid, ...want } = revision(config).metadata ?? {};
    expect(makeRevision(config, NOW)).toEqual({ ...revision(config), metadata: want });
    expect(makeRevision(config, NOW).metadata?.name).toBe('hello-00003');
  });

  test('a Service-owned configuration passes the service labels on', () => {
    const config = configuration('hello', { owner: service('hello') });
    expect(makeRevision(config, NOW).metadata?.labels).toMatchObject({ 'serving.knative.dev/service': 'hello', 'serving.knative.dev/serviceUID': 'svc-hello' });
  });

  test('keeps a bring-your-own name and the template labels and annotations', () => {
    const config = configuration('hello', { revisionName: 'hello-blue' });
    config.spec.template.metadata = { name: 'hello-blue', labels: { team: 'a' }, annotations: { 'autoscaling.knative.dev/min-scale': '1' } };
    const rev = makeRevision(config, NOW);
    expect(rev.metadata?.name).toBe('hello-blue');
    expect(rev.metadata?.labels).toMatchObject({ team: 'a', 'serving.knative.dev/configuration': 'hello' });
    expect(rev.metadata?.annotations).toEqual({ 'autoscaling.knative.dev/min-scale': '1', 'serving.knative.dev/routingStateModified': T0 });
  });

  test('the updater becomes the creator, and a routed configuration makes the revision active', () => {
    const config = configuration('hello', { annotations: { 'serving.knative.dev/lastModifier': 'alice', 'serving.knative.dev/routes': 'hello' } });
    const rev = makeRevision(config, NOW);
    expect(rev.metadata?.annotations).toEqual({ 'serving.knative.dev/creator': 'alice', 'serving.knative.dev/routes': 'hello', 'serving.knative.dev/routingStateModified': T0 });
    expect(rev.metadata?.labels?.['serving.knative.dev/routingState']).toBe('active');
  });

  test('never changes the configuration', () => {
    const config = configuration('hello');
    const before = structuredClone(config);
    makeRevision(config, NOW).spec.containers[0]!.image = 'changed';
    expect(config).toEqual(before);
    expect(makeRevision(config, NOW).metadata?.namespace).toBe(NS);
  });

  test.each([
    { name: 'short name', config: 'hello', generation: 1, want: /^hello-00001$/ },
    { name: 'six digits', config: 'hello', generation: 123456, want: /^hello-123456$/ },
    { name: 'a long name is cut and keeps a hash of the whole', config: 'a'.repeat(60), generation: 1, want: /^a{25}[0-9a-f]{32}-00001$/ },
  ])('$name', ({ config, generation, want }) => {
    expect(revisionNameFor(configuration(config, { generation }))).toMatch(want);
  });
});
