// The watch stream as a client reads it off the wire: initial events,
// bookmarks and timeouts on an injected clock, 410 for an expired version, and
// every watch ended when the server stops.
import { core } from '@knot/api';
import { MemoryStore } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { openStream, startTestApi, type TestApi } from './test-fixture.js';

let t: TestApi;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock();
  t = await startTestApi({ clock, bookmarkIntervalMs: 10_000, store: new MemoryStore({ historySize: 5 }) });
});

afterEach(() => t.stop());

const cm = (name: string) => ({ metadata: { name, namespace: 'default' } });
const summary = (line: Record<string, unknown>): string => {
  const object = line.object as { metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> }; code?: number; reason?: string };
  if (line.type === 'ERROR') return `ERROR ${object.code ?? ''} ${object.reason ?? ''}`;
  if (line.type === 'BOOKMARK') return `BOOKMARK ${object.metadata?.resourceVersion ?? ''}${object.metadata?.annotations ? ` ${JSON.stringify(object.metadata.annotations)}` : ''}`;
  return `${String(line.type)} ${object.metadata?.name ?? ''}`;
};

test('a watch with bookmarks gets one each interval, carrying the newest version it has passed', async () => {
  await t.store.create(core.configMaps, cm('a'));
  const stream = await openStream(t.api, '/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true');
  expect(stream.status).toBe(200);
  await stream.lines.until((l) => l.length >= 1);
  const b = await t.store.create(core.configMaps, cm('b'));
  await stream.lines.until((l) => l.length >= 2);
  clock.advance(10_000);
  await stream.lines.until((l) => l.length >= 3);
  expect(stream.lines.items.map(summary)).toEqual(['ADDED a', 'ADDED b', `BOOKMARK ${b.metadata?.resourceVersion ?? ''}`]);
  expect(stream.lines.items[2]?.object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { resourceVersion: b.metadata?.resourceVersion } });
  stream.close();
});

test('without allowWatchBookmarks no bookmark is sent', async () => {
  await t.store.create(core.configMaps, cm('a'));
  const stream = await openStream(t.api, '/api/v1/namespaces/default/configmaps?watch=1');
  await stream.lines.until((l) => l.length >= 1);
  clock.advance(60_000);
  await t.store.create(core.configMaps, cm('b'));
  await stream.lines.until((l) => l.length >= 2);
  expect(stream.lines.items.map(summary)).toEqual(['ADDED a', 'ADDED b']);
  stream.close();
});

test('sendInitialEvents ends the initial ADDEDs with an annotated bookmark', async () => {
  await t.store.create(core.configMaps, cm('a'));
  const rv = t.store.resourceVersion;
  const stream = await openStream(t.api, '/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan');
  await stream.lines.until((l) => l.length >= 2);
  expect(stream.lines.items.map(summary)).toEqual(['ADDED a', `BOOKMARK ${rv} {"k8s.io/initial-events-end":"true"}`]);
  stream.close();
});

test('timeoutSeconds ends the stream when the clock reaches it', async () => {
  const stream = await openStream(t.api, '/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=30');
  clock.advance(29_000);
  await t.store.create(core.configMaps, cm('a'));
  await stream.lines.until((l) => l.length >= 1);
  clock.advance(1_000);
  await stream.ended;
  expect(stream.lines.items.map(summary)).toEqual(['ADDED a']);
});

test('a version older than the retained history gets one ERROR event with a 410 Expired Status', async () => {
  const old = t.store.resourceVersion;
  for (let i = 0; i < 8; i++) await t.store.create(core.configMaps, cm(`c${i}`));
  const stream = await openStream(t.api, `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${old}`);
  expect(stream.status).toBe(200);
  await stream.ended;
  expect(stream.lines.items.map(summary)).toEqual(['ERROR 410 Expired']);
  expect(stream.lines.items[0]?.object).toMatchObject({ kind: 'Status', status: 'Failure', message: expect.stringContaining('too old resource version') as unknown });
});

test('the legacy /watch/ path watches one object by name', async () => {
  await t.store.create(core.configMaps, cm('a'));
  await t.store.create(core.configMaps, cm('b'));
  const stream = await openStream(t.api, '/api/v1/watch/namespaces/default/configmaps/b');
  await stream.lines.until((l) => l.length >= 1);
  await t.store.delete(core.configMaps, 'default', 'a');
  await t.store.delete(core.configMaps, 'default', 'b');
  await stream.lines.until((l) => l.length >= 2);
  expect(stream.lines.items.map(summary)).toEqual(['ADDED b', 'DELETED b']);
  stream.close();
});

test('stopping the server ends running watches and then resolves done', async () => {
  const stream = await openStream(t.api, '/api/v1/configmaps?watch=1');
  await t.stop();
  await stream.ended;
  // stop() already awaited done; a second stop in afterEach is harmless.
  t = await startTestApi();
});
