// The whole platform on a MemoryStore with real processes and sockets, and what the flow tests need around it.
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import { CONFIG_AUTOSCALER, CONFIG_DOMAIN, core, serving, SERVING_NAMESPACE, setServiceDefaults, type Service } from '@knot/api';
import { MemoryStore, noopLogger, systemClock } from '@knot/runtime';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { queueProxySidecar } from '../../pods/queue-proxy-sidecar.js';
import { eventually } from '../../pods/test-fixtures.js';
import { PLATFORM_NAMESPACES, startPlatform, type RunningPlatform } from '../start-platform.js';
import { ensureNamespaces } from '../system-objects.js';
import { FLOW_APP } from './flow-app.js';

export const NS = 'default';
/** Routes get `<name>.<namespace>.example.com`, as with Knative's sample config-domain. */
export const DOMAIN = 'example.com';
const WS_MODULE = createRequire(import.meta.url).resolve('ws');

export interface Flow {
  readonly store: MemoryStore;
  readonly platform: RunningPlatform;
  stop(): Promise<void>;
}

/** Every component on one store, with a domain for external routes; zero initial scale is allowed so a test can start a revision cold. */
export async function startFlow(): Promise<Flow> {
  const store = new MemoryStore({ clock: systemClock });
  await ensureNamespaces(store, PLATFORM_NAMESPACES);
  await store.create(core.configMaps, { metadata: { namespace: SERVING_NAMESPACE, name: CONFIG_AUTOSCALER }, data: { 'allow-zero-initial-scale': 'true' } });
  await store.create(core.configMaps, { metadata: { namespace: SERVING_NAMESPACE, name: CONFIG_DOMAIN }, data: { [DOMAIN]: '' } });
  const stop = new AbortController();
  const platform = await startPlatform({
    client: store,
    clock: systemClock,
    logger: noopLogger,
    signal: stop.signal,
    ports: { http: 0, internal: 0 },
    drainTimeoutMs: 2000,
    // A short quiet period keeps a pod's drain quick; the sequence is the same as with Knative's 30 s.
    runtime: { sidecars: { 'queue-proxy': queueProxySidecar({ drainQuietMs: 300 }) }, hostEnv: { PATH: process.env.PATH ?? '' } },
  });
  if (!(await platform.synced)) throw new Error('the platform stopped before its caches synced');
  return {
    store,
    platform,
    stop: async () => {
      stop.abort();
      await platform.done;
    },
  };
}

export interface FlowServiceOptions {
  readonly annotations?: Record<string, string>;
  readonly containerConcurrency?: number;
  readonly timeoutSeconds?: number;
  readonly env?: Record<string, string>;
}

/** A Service running FLOW_APP, defaulted as the webhook would admit it. */
export function flowService(name: string, opts: FlowServiceOptions = {}): Service {
  const env = Object.entries({ WS_MODULE, ...opts.env }).map(([k, value]) => ({ name: k, value }));
  return setServiceDefaults({
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { namespace: NS, name },
    spec: {
      template: {
        metadata: { annotations: opts.annotations ?? {} },
        spec: {
          ...(opts.containerConcurrency !== undefined ? { containerConcurrency: opts.containerConcurrency } : {}),
          ...(opts.timeoutSeconds !== undefined ? { timeoutSeconds: opts.timeoutSeconds } : {}),
          containers: [{ name: 'user-container', image: 'example.dev/flow-app', command: [process.execPath, '-e', FLOW_APP], env }],
        },
      },
    },
  });
}

/** Waits until the Service is Ready, failing with its conditions when it does not get there. */
export async function waitReady(store: MemoryStore, name: string, timeoutMs = 30_000): Promise<Service> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const svc = await store.get(serving.services, NS, name).catch(() => undefined);
    const conditions = svc?.status?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Ready' && c.status === 'True') && svc?.status?.observedGeneration === svc?.metadata?.generation) return svc as Service;
    if (performance.now() > until) throw new Error(`service ${name} is not Ready: ${JSON.stringify(conditions)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function revisionPods(store: MemoryStore, revision: string): Promise<Pod[]> {
  return (await store.list(core.pods, NS, { labelSelector: `serving.knative.dev/revision=${revision}` })).items;
}

export interface Answer {
  readonly status: number;
  readonly text: string;
  json<T = AppAnswer>(): T;
}

export interface AppAnswer {
  readonly pod: string;
  readonly revision: string;
  readonly maxInFlight: number;
  readonly headers: Record<string, string>;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** A request to the gateway for `host`, as curl with `-H Host:` would send it. */
export function request(port: number, host: string, path = '/', headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers: { host, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, json: <T>() => JSON.parse(text) as T }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Writes `raw` on a fresh connection and resolves with everything the server sends back before closing. */
export function rawExchange(port: number, raw: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(raw));
    let got = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (got += chunk));
    socket.on('close', () => resolve(got));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve(got) : reject(err)));
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
  });
}

/** The host a Service's URL names. */
export function hostOf(svc: Service): string {
  return new URL(svc.status?.url ?? 'http://missing').host;
}

export { agent as flowAgent, eventually };
