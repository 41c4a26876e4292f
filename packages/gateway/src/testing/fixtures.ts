// Shared test setup: a gateway on 127.0.0.1:0 over a MemoryStore, echo backends, and a raw HTTP client.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { core, INGRESS_CLASS_ANNOTATION_KEY, KNOT_INGRESS_CLASS, networking, type HTTPIngressPath, type Ingress, type IngressRule } from '@knot/api';
import { MemoryStore, noopLogger, systemClock } from '@knot/runtime';
import { eventually } from '@knot/runtime/testing';
import type { Service } from 'kubernetes-types/core/v1.js';
import { start, type GatewayDeps, type RunningGateway } from '../start.js';

export const NS = 'default';

export interface Echo {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly backend: string;
}

export interface Backend {
  readonly name: string;
  readonly port: number;
  readonly server: http.Server;
  close(): Promise<void>;
}

/** An HTTP/1 server answering with what it received, as JSON, and its own name. */
export async function echoBackend(name: string): Promise<Backend> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const echo: Echo = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString(), backend: name };
      res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive', 'keep-alive': 'timeout=5', 'x-backend': name });
      res.end(JSON.stringify(echo));
    });
  });
  return serve(name, server);
}

export async function serve(name: string, server: http.Server): Promise<Backend> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    name,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A K8s Service with one port (80, named `http` or `http2`) and Endpoints at the given local ports. */
export async function addService(store: MemoryStore, name: string, ports: readonly number[], opts: { h2c?: boolean; namespace?: string } = {}): Promise<void> {
  const namespace = opts.namespace ?? NS;
  const portName = opts.h2c ? 'http2' : 'http';
  await store.create(core.services, { metadata: { namespace, name }, spec: { ports: [{ name: portName, port: opts.h2c ? 81 : 80, targetPort: 8012 }] } });
  await setEndpoints(store, name, ports, portName, namespace);
}

export async function setEndpoints(store: MemoryStore, name: string, ports: readonly number[], portName = 'http', namespace = NS): Promise<void> {
  // Local mode: every address is 127.0.0.1 and each pod has its own port, so one subset per port.
  const subsets = ports.map((port) => ({ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: portName, port }] }));
  const existing = await store.get(core.endpoints, namespace, name).catch(() => undefined);
  if (existing) await store.update(core.endpoints, { ...existing, subsets });
  else await store.create(core.endpoints, { metadata: { namespace, name }, subsets });
}

export function split(service: string, percent = 100, port: number | string = 80, namespace = NS): HTTPIngressPath['splits'][number] {
  return { serviceNamespace: namespace, serviceName: service, servicePort: port, percent, appendHeaders: { 'Knative-Serving-Revision': service, 'Knative-Serving-Namespace': namespace } };
}

export function ingress(name: string, rules: IngressRule[], extra: Partial<Ingress['spec']> = {}, ingressClass = KNOT_INGRESS_CLASS): Ingress {
  return { apiVersion: 'networking.internal.knative.dev/v1alpha1', kind: 'Ingress', metadata: { namespace: NS, name, annotations: { [INGRESS_CLASS_ANNOTATION_KEY]: ingressClass } }, spec: { rules, ...extra } };
}

export function rule(hosts: string[], paths: HTTPIngressPath[], visibility: IngressRule['visibility'] = 'ExternalIP'): IngressRule {
  return { hosts, visibility, http: { paths } };
}

export interface Harness {
  readonly store: MemoryStore;
  readonly gateway: RunningGateway;
  stop(): Promise<void>;
  /** Waits until the Ingress is Ready for its generation (the table is live by then). */
  applyIngress(ing: Ingress): Promise<Ingress>;
}

export async function startGateway(extra: Partial<GatewayDeps> = {}): Promise<Harness> {
  const store = new MemoryStore({ initialNamespaces: [NS, 'knative-serving'] });
  const abort = new AbortController();
  const gateway = await start({ client: store, clock: systemClock, logger: noopLogger, signal: abort.signal, host: '127.0.0.1', ports: { external: 0, internal: 0, admin: 0 }, drainTimeoutMs: 2000, ...extra });
  await gateway.synced;
  return {
    store,
    gateway,
    stop: async () => {
      abort.abort();
      await gateway.done;
    },
    applyIngress: async (ing) => {
      const existing = await store.get(networking.ingresses, NS, ing.metadata?.name ?? '').catch(() => undefined);
      const written = existing ? await store.update(networking.ingresses, { ...existing, spec: ing.spec }) : await store.create(networking.ingresses, ing);
      return eventually(`ingress ${written.metadata?.name} ready`, async () => {
        const got = await store.get(networking.ingresses, NS, written.metadata?.name ?? '');
        const ready = got.status?.observedGeneration === got.metadata?.generation && got.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
        return ready ? got : undefined;
      });
    },
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One HTTP/1.1 request with full control of the Host header (fetch forbids setting it). */
export function request(port: number, opts: { host?: string; path?: string; method?: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { ...opts.headers };
    if (opts.host !== undefined) headers.host = opts.host;
    const req = http.request({ host: '127.0.0.1', port, path: opts.path ?? '/', method: opts.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const echoOf = (reply: Reply): Echo => JSON.parse(reply.body) as Echo;

/** A Service that is only a name for something else: what the Route writes for a DomainMapping. */
export function externalNameService(name: string, externalName: string, h2c = true): Service {
  return { metadata: { namespace: NS, name }, spec: { type: 'ExternalName', externalName, ports: [{ name: h2c ? 'http2' : 'http', port: 80, targetPort: 80 }] } };
}
