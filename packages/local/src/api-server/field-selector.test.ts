import { core, serving } from '@knot/api';
import { isApiError } from '@knot/runtime';
import type { Event } from 'kubernetes-types/core/v1.js';
import { splitFieldSelector } from './field-selector.js';
import { openStream, startTestApi, type TestApi } from './test-fixture.js';

const event = (name: string, involved: string, reason = 'Created'): Event => ({
  metadata: { name, namespace: 'default' },
  involvedObject: { kind: 'Service', namespace: 'default', name: involved, uid: `uid-${involved}`, apiVersion: 'serving.knative.dev/v1' },
  reason,
  type: 'Normal',
  source: { component: 'service-controller' },
});

describe('splitting', () => {
  test('metadata terms go to the Client, the rest becomes a filter', () => {
    const split = splitFieldSelector(core.events, 'metadata.namespace=default,involvedObject.name=hello,reason!=Deleted,source=service-controller');
    expect(split.client).toBe('metadata.namespace=default');
    expect(split.matches?.(event('e', 'hello'))).toBe(true);
    expect(split.matches?.(event('e', 'other'))).toBe(false);
    expect(split.matches?.(event('e', 'hello', 'Deleted'))).toBe(false);
  });

  test('escaped values round-trip', () => {
    expect(splitFieldSelector(core.configMaps, 'metadata.name=a\\,b').client).toBe('metadata.name=a\\,b');
  });

  test.each([
    { name: 'a field the kind does not have', rt: serving.services, selector: 'status.phase=Running', message: '"status.phase" is not a known field selector: only "metadata.name", "metadata.namespace"' },
    { name: 'a term without an operator', rt: core.pods, selector: 'status.phase', message: "can't understand 'status.phase'" },
  ])('$name is a BadRequest', ({ rt, selector, message }) => {
    let caught: unknown;
    try {
      splitFieldSelector(rt, selector);
    } catch (err) {
      caught = err;
    }
    expect(isApiError(caught, 'BadRequest')).toBe(true);
    expect((caught as Error).message).toContain(message);
  });
});

describe('on the wire', () => {
  let t: TestApi;

  beforeEach(async () => {
    t = await startTestApi();
  });

  afterEach(() => t.stop());

  test('events of one object, as kubectl describe lists them', async () => {
    await t.store.create(core.events, event('e1', 'hello'));
    await t.store.create(core.events, event('e2', 'other'));
    const selector = encodeURIComponent('involvedObject.name=hello,involvedObject.namespace=default,involvedObject.kind=Service,involvedObject.uid=uid-hello');
    const reply = await t.request('GET', `/api/v1/namespaces/default/events?fieldSelector=${selector}`);
    expect(reply.status).toBe(200);
    expect(reply.json<{ items: Event[] }>().items.map((e) => e.metadata?.name)).toEqual(['e1']);
  });

  test('pods by phase', async () => {
    const pod = await t.store.create(core.pods, { metadata: { name: 'p1', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    await t.store.create(core.pods, { metadata: { name: 'p2', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    await t.store.updateStatus(core.pods, { ...pod, status: { phase: 'Running' } });
    const reply = await t.request('GET', '/api/v1/pods?fieldSelector=status.phase%3DRunning');
    expect(reply.json<{ items: Event[] }>().items.map((e) => e.metadata?.name)).toEqual(['p1']);
  });

  test('a watch shows an object entering the selection as ADDED and leaving it as DELETED', async () => {
    const pod = await t.store.create(core.pods, { metadata: { name: 'p1', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    const stream = await openStream(t.api, '/api/v1/namespaces/default/pods?watch=1&fieldSelector=status.phase%3DRunning');
    const running = await t.store.updateStatus(core.pods, { ...pod, status: { phase: 'Running' } });
    const again = await t.store.updateStatus(core.pods, { ...running, status: { phase: 'Running', podIP: '127.0.0.1' } });
    await t.store.updateStatus(core.pods, { ...again, status: { phase: 'Succeeded' } });
    await stream.lines.until((l) => l.length >= 3);
    expect(stream.lines.items.map((l) => l.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    stream.close();
  });
});
