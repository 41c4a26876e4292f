// Starting an activator on the in-memory store for component tests, and the
// Revision and Endpoints objects the controller and kubelet would write.
import http from 'node:http';
import { childName, core, REVISION_HEADER_NAME, REVISION_HEADER_NAMESPACE, serving, type Revision, type RevisionSpec } from '@knot/api';
import type { Endpoints } from 'kubernetes-types/core/v1.js';
import { MemoryStore, noopLogger, type Client } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { start, type ActivatorDeps, type RunningActivator } from '../index.js';
import type { FakePod } from './fake-pod.js';

export const NS = 'default';

export interface TestActivator {
  readonly store: MemoryStore;
  readonly clock: FakeClock;
  readonly running: RunningActivator;
  stop(): Promise<void>;
}

export async function startActivator(overrides: Partial<ActivatorDeps> & { store?: MemoryStore; client?: Client } = {}): Promise<TestActivator> {
  const clock = overrides.clock instanceof FakeClock ? overrides.clock : new FakeClock();
  const store = overrides.store ?? new MemoryStore({ initialNamespaces: [NS], clock });
  const abort = new AbortController();
  const running = await start({
    client: overrides.client ?? store,
    clock,
    logger: noopLogger,
    signal: abort.signal,
    ports: { http: 0, http2: 0, metrics: 0 },
    host: '127.0.0.1',
    autoscalerUrl: 'ws://127.0.0.1:9',
    podName: 'activator-test',
    // Tests finish their requests before stopping; one that failed midway must not hang the stop.
    closeGraceMs: 0,
    random: () => 0.5,
    ...overrides,
  });
  await running.synced;
  return {
    store,
    clock,
    running,
    stop: async () => {
      abort.abort();
      await running.done;
    },
  };
}

export function revision(name: string, spec: Partial<RevisionSpec> = {}): Revision {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Revision',
    metadata: { namespace: NS, name, labels: { 'serving.knative.dev/service': 'hello', 'serving.knative.dev/configuration': 'hello' } },
    spec: { containerConcurrency: 0, timeoutSeconds: 300, containers: [{ name: 'user-container', image: 'example.com/hello' }], ...spec },
  };
}

/** The private Service's Endpoints listing `pods` ready, on the port named `portName`. */
export function endpoints(revisionName: string, pods: readonly FakePod[], portName = 'http'): Endpoints {
  // Local mode: every pod on 127.0.0.1, each with its own port, so one subset per pod.
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { namespace: NS, name: childName(revisionName, '-private') },
    subsets: pods.map((p) => ({ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: portName, port: p.port, protocol: 'TCP' as const }] })),
  };
}

export async function setEndpoints(store: MemoryStore, revisionName: string, pods: readonly FakePod[], portName = 'http'): Promise<void> {
  const ep = endpoints(revisionName, pods, portName);
  try {
    const old = await store.get(core.endpoints, NS, ep.metadata?.name ?? '');
    await store.update(core.endpoints, { ...ep, metadata: { ...ep.metadata, resourceVersion: old.metadata?.resourceVersion } });
  } catch {
    await store.create(core.endpoints, ep);
  }
}

export async function addRevision(store: MemoryStore, name: string, spec: Partial<RevisionSpec> = {}): Promise<void> {
  await store.create(serving.revisions, revision(name, spec));
}

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One HTTP/1.1 request on a fresh connection, with the gateway's revision headers unless `headers` says otherwise. */
export function send(port: number, revisionName: string | undefined, opts: { path?: string; method?: string; headers?: http.OutgoingHttpHeaders; body?: string } = {}): Promise<Answer> {
  const headers: http.OutgoingHttpHeaders = { ...(revisionName ? { [REVISION_HEADER_NAMESPACE]: NS, [REVISION_HEADER_NAME]: revisionName } : {}), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: opts.path ?? '/', method: opts.method ?? 'GET', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
