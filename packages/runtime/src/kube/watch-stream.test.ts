import type http from 'node:http';
import { serving, type KubeObject } from '@knot/api';
import type { WatchEvent } from '../client.js';
import { isApiError } from '../errors.js';
import { KubeClient } from './kube-client.js';
import { ScriptedApiserver, statusBody } from './testing/scripted-apiserver.js';
import { parseWatchLine, type WatchStream } from './watch-stream.js';

const obj = (name: string, rv: string): KubeObject => ({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name, namespace: 'default', resourceVersion: rv } });
const line = (type: string, object: unknown) => JSON.stringify({ type, object }) + '\n';

let server: ScriptedApiserver;
let client: KubeClient;

beforeEach(async () => {
  server = await new ScriptedApiserver().start();
  client = new KubeClient(server.kubeConfig());
});

afterEach(async () => {
  client.close();
  await server.stop();
});

/** Answers the next request with a stream the test writes to. */
function streamed(): Promise<http.ServerResponse> {
  return new Promise((resolve) => {
    server.answer({
      stream: (res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        res.flushHeaders();
        resolve(res);
      },
    });
  });
}

function collect() {
  const events: string[] = [];
  const onEvent = (e: WatchEvent<KubeObject>) => events.push(`${e.type} ${e.object.metadata?.name}@${e.object.metadata?.resourceVersion}`);
  return { events, onEvent };
}

test('delivers events in order across chunk boundaries and ends when the server closes', async () => {
  const res = streamed();
  const { events, onEvent } = collect();
  const watch = await client.watch(serving.services, 'default', { resourceVersion: '10', labelSelector: 'app=a' }, onEvent);
  expect(server.seen[0]).toMatchObject({
    method: 'GET',
    path: '/apis/serving.knative.dev/v1/namespaces/default/services',
    query: { watch: 'true', allowWatchBookmarks: 'true', resourceVersion: '10', labelSelector: 'app=a' },
  });
  const stream = await res;
  const text = line('ADDED', obj('a', '11')) + line('BOOKMARK', { kind: 'Service', metadata: { resourceVersion: '12' } }) + line('MODIFIED', obj('a', '13'));
  stream.write(text.slice(0, 30));
  stream.write(text.slice(30, 100));
  stream.write(text.slice(100));
  stream.end(line('DELETED', obj('a', '14')).trimEnd());
  await watch.done;
  expect(events).toEqual(['ADDED a@11', 'MODIFIED a@13', 'DELETED a@14']);
  expect((watch as WatchStream<KubeObject>).resourceVersion).toBe('14');
});

test('a 410 ERROR event ends the watch with Gone', async () => {
  const res = streamed();
  const { events, onEvent } = collect();
  const watch = await client.watch(serving.services, undefined, { resourceVersion: '1' }, onEvent);
  const stream = await res;
  stream.write(line('ADDED', obj('a', '2')));
  stream.write(line('ERROR', statusBody(410, 'Expired', 'too old resource version: 1 (5)')));
  stream.write(line('ADDED', obj('b', '3')));
  await expect(watch.done).rejects.toMatchObject({ code: 'Gone', message: 'too old resource version: 1 (5)' });
  expect(events).toEqual(['ADDED a@2']);
});

test('a bookmark keeps the resourceVersion to resume from', async () => {
  const res = streamed();
  const watch = (await client.watch(serving.services, 'default', {}, () => undefined)) as WatchStream<KubeObject>;
  const stream = await res;
  stream.end(line('BOOKMARK', { kind: 'Service', metadata: { resourceVersion: '77' } }));
  await watch.done;
  expect(watch.resourceVersion).toBe('77');
});

test('an error answer to the watch request rejects watch()', async () => {
  server.answer({ status: 410, body: statusBody(410, 'Gone', 'resource version too old') });
  const err: unknown = await client.watch(serving.services, 'default', { resourceVersion: '1' }, () => undefined).catch((e: unknown) => e);
  expect(isApiError(err, 'Gone')).toBe(true);
});

test('stop() resolves done, closes the connection and delivers nothing more', async () => {
  const res = streamed();
  const { events, onEvent } = collect();
  let firstSeen!: () => void;
  const first = new Promise<void>((resolve) => (firstSeen = resolve));
  const watch = await client.watch(serving.services, 'default', {}, (e) => {
    onEvent(e);
    firstSeen();
  });
  const stream = await res;
  const closed = new Promise<void>((resolve) => stream.on('close', resolve));
  stream.write(line('ADDED', obj('a', '2')));
  await first;
  watch.stop();
  stream.write(line('ADDED', obj('b', '3')));
  await watch.done;
  await closed;
  expect(events).toEqual(['ADDED a@2']);
});

test('a connection dropped mid-stream rejects done with an InternalError', async () => {
  const res = streamed();
  const watch = await client.watch(serving.services, 'default', {}, () => undefined);
  (await res).socket?.destroy();
  await expect(watch.done).rejects.toMatchObject({ code: 'InternalError' });
});

test('a handler that throws ends the watch with its error', async () => {
  const res = streamed();
  const watch = await client.watch(serving.services, 'default', {}, () => {
    throw new Error('handler failed');
  });
  (await res).write(line('ADDED', obj('a', '2')));
  await expect(watch.done).rejects.toThrow('handler failed');
});

describe('parseWatchLine', () => {
  test.each([
    { name: 'not JSON', text: '{nope', want: 'error' },
    { name: 'no type', text: '{"object":{}}', want: 'error' },
    { name: 'unknown type', text: '{"type":"WHAT","object":{}}', want: 'error' },
    { name: 'event without object', text: '{"type":"ADDED"}', want: 'error' },
    { name: 'bookmark', text: '{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"3"}}}', want: 'bookmark' },
    { name: 'event', text: '{"type":"DELETED","object":{"metadata":{"name":"x"}}}', want: 'event' },
  ])('$name → $want', ({ text, want }) => {
    expect(parseWatchLine(text).kind).toBe(want);
  });
});
