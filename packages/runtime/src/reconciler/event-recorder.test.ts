import { core, type KubeObject } from '@knot/api';
import { MemoryStore } from '../memory/index.js';
import { FakeClock } from '../testing/fake-clock.js';
import { RecordingClient } from '../testing/recording-client.js';
import { ApiError } from '../errors.js';
import { ClientEventRecorder } from './event-recorder.js';

const svc: KubeObject = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { namespace: 'ns', name: 'hello', uid: 'u-1', resourceVersion: '4' } };

function setup() {
  const clock = new FakeClock(Date.parse('2024-05-01T12:00:00Z'));
  const store = new MemoryStore({ clock, requireNamespaces: false });
  const client = new RecordingClient(store);
  const warnings: unknown[] = [];
  const logger = { debug() {}, info() {}, warn: (o: object) => warnings.push(o), error() {}, child: () => logger };
  const recorder = new ClientEventRecorder({ client, component: 'service-controller', clock, logger });
  const events = async () => (await store.list(core.events, 'ns')).items;
  return { clock, store, client, recorder, events, warnings };
}

describe('ClientEventRecorder', () => {
  test('writes a core v1 Event about the object', async () => {
    const { recorder, events } = setup();
    recorder.event(svc, 'Normal', 'Created', 'Created Configuration "hello"');
    await recorder.flush();
    const [event, ...rest] = await events();
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      metadata: { namespace: 'ns', name: expect.stringMatching(/^hello\.[0-9a-f]+$/) as string },
      involvedObject: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', namespace: 'ns', name: 'hello', uid: 'u-1', resourceVersion: '4' },
      type: 'Normal',
      reason: 'Created',
      message: 'Created Configuration "hello"',
      count: 1,
      firstTimestamp: '2024-05-01T12:00:00Z',
      lastTimestamp: '2024-05-01T12:00:00Z',
      source: { component: 'service-controller' },
    });
  });

  test('aggregates identical events by bumping count and lastTimestamp', async () => {
    const { recorder, events, clock, client } = setup();
    recorder.event(svc, 'Warning', 'InternalError', 'boom');
    recorder.event(svc, 'Warning', 'InternalError', 'boom');
    clock.advance(60_000);
    recorder.event(svc, 'Warning', 'InternalError', 'boom');
    recorder.event(svc, 'Warning', 'InternalError', 'other');
    await recorder.flush();
    const byMessage = new Map((await events()).map((e) => [e.message, e]));
    expect(byMessage.get('boom')).toMatchObject({ count: 3, firstTimestamp: '2024-05-01T12:00:00Z', lastTimestamp: '2024-05-01T12:01:00Z' });
    expect(byMessage.get('other')).toMatchObject({ count: 1 });
    expect(client.ofVerb('create')).toHaveLength(2);
    expect(client.ofVerb('patch')).toHaveLength(2);
  });

  test('creates the event again when the aggregated one was deleted', async () => {
    const { recorder, events, store } = setup();
    recorder.event(svc, 'Normal', 'Ready', 'ok');
    await recorder.flush();
    const [first] = await events();
    await store.delete(core.events, 'ns', first?.metadata?.name ?? '');
    recorder.event(svc, 'Normal', 'Ready', 'ok');
    await recorder.flush();
    expect((await events()).map((e) => e.count)).toEqual([1]);
  });

  test('two recorders writing about same-named objects at the same instant both get their event', async () => {
    const { recorder, store, clock, events } = setup();
    const other = new ClientEventRecorder({ client: store, component: 'configuration-controller', clock });
    const config: KubeObject = { apiVersion: 'serving.knative.dev/v1', kind: 'Configuration', metadata: { namespace: 'ns', name: 'hello', uid: 'u-2' } };
    for (let i = 0; i < 3; i++) {
      recorder.event(svc, 'Normal', 'Created', `Created Route ${i}`);
      other.event(config, 'Normal', 'Created', `Created Revision ${i}`);
    }
    await Promise.all([recorder.flush(), other.flush()]);
    const got = (await events()).map((e) => `${e.source?.component} ${e.involvedObject.kind} ${e.message}`).sort();
    expect(got).toEqual([
      'configuration-controller Configuration Created Revision 0',
      'configuration-controller Configuration Created Revision 1',
      'configuration-controller Configuration Created Revision 2',
      'service-controller Service Created Route 0',
      'service-controller Service Created Route 1',
      'service-controller Service Created Route 2',
    ]);
  });

  test('a name another writer took first is retried under a fresh one', async () => {
    const { recorder, client, events, warnings } = setup();
    client.induceFailure({ verb: 'create', resource: 'events', error: new ApiError('AlreadyExists', 'events "hello.x" already exists') });
    recorder.event(svc, 'Normal', 'Created', 'x');
    await recorder.flush();
    const names = client.ofVerb('create').map((a) => a.name);
    expect(names).toHaveLength(2);
    expect(names[0]).not.toBe(names[1]);
    expect((await events()).map((e) => e.message)).toEqual(['x']);
    expect(warnings).toEqual([]);
  });

  test('puts events about cluster-scoped objects in the default namespace', async () => {
    const { recorder, store } = setup();
    recorder.event({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, 'Normal', 'Seen', 'seen');
    await recorder.flush();
    const { items } = await store.list(core.events, 'default');
    expect(items.map((e) => e.involvedObject.name)).toEqual(['team']);
  });

  test('logs a failed write instead of throwing', async () => {
    const { recorder, client, events, warnings } = setup();
    client.induceFailure({ verb: 'create', resource: 'events', error: new ApiError('Forbidden', 'no events for you') });
    expect(() => recorder.event(svc, 'Normal', 'Created', 'x')).not.toThrow();
    await recorder.flush();
    expect(await events()).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});
