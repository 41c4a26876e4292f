// A revision pod as the autoscaler scrapes it: a real server on 127.0.0.1:0
// answering GET /metrics like queue-proxy, or failing the way a pod can.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUTOSCALING_QUEUE_METRICS_PORT_NAME, core, type Stat } from '@knot/api';
import type { MemoryStore } from '@knot/runtime';
import type { Endpoints } from 'kubernetes-types/core/v1.js';

export type PodMode = 'ok' | 'status-500' | 'garbage' | 'bad-stat' | 'huge';

export class StatPod {
  readonly server: http.Server;
  mode: PodMode = 'ok';
  stat: Partial<Stat>;
  /** Method, path and Accept of every request. */
  readonly requests: { method: string; url: string; accept: string }[] = [];
  #port = 0;

  constructor(
    readonly name: string,
    stat: Partial<Stat> = {},
  ) {
    this.stat = stat;
    this.server = http.createServer((req, res) => {
      this.requests.push({ method: req.method ?? '', url: req.url ?? '', accept: req.headers.accept ?? '' });
      switch (this.mode) {
        case 'status-500':
          res.writeHead(500).end('boom');
          return;
        case 'garbage':
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"podName": ');
          return;
        case 'bad-stat':
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ podName: this.name, averageConcurrentRequests: -1 }));
          return;
        case 'huge':
          res.writeHead(200, { 'content-type': 'application/json' }).end('['.repeat(200_000));
          return;
        default:
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(statOf(this.name, this.stat)));
      }
    });
  }

  get port(): number {
    return this.#port;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function statOf(podName: string, s: Partial<Stat> = {}): Stat {
  return {
    podName,
    averageConcurrentRequests: 0,
    averageProxiedConcurrentRequests: 0,
    requestCount: 0,
    proxiedRequestCount: 0,
    processUptime: 100,
    timestamp: 0,
    ...s,
  };
}

/** The private Endpoints of a revision: one subset per pod (local mode: one address, own ports), with a decoy port first. */
export function podEndpoints(namespace: string, name: string, ports: readonly number[]): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { namespace, name },
    subsets: ports.map((port) => ({
      addresses: [{ ip: '127.0.0.1' }],
      ports: [
        { name: 'queue-port', port: 1, protocol: 'TCP' as const },
        { name: AUTOSCALING_QUEUE_METRICS_PORT_NAME, port, protocol: 'TCP' as const },
      ],
    })),
  };
}

export async function setPodEndpoints(store: MemoryStore, namespace: string, name: string, ports: readonly number[]): Promise<void> {
  const ep = podEndpoints(namespace, name, ports);
  const old = await store.get(core.endpoints, namespace, name).catch(() => undefined);
  if (old) await store.update(core.endpoints, { ...ep, metadata: { ...ep.metadata, resourceVersion: old.metadata?.resourceVersion } });
  else await store.create(core.endpoints, ep);
}
