import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

/** A request as the scripted apiserver saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** What the server answers: a JSON body, or a hand-driven stream (for watches). */
export type ScriptedAnswer =
  | { status: number; body: unknown }
  | { stream: (res: http.ServerResponse, req: http.IncomingMessage) => void };

/**
 * A tiny apiserver for unit tests: answers requests in order from a script and
 * records what it was sent, so tests assert on method, path, query, headers and body.
 */
export class ScriptedApiserver {
  readonly seen: SeenRequest[] = [];
  readonly #script: ScriptedAnswer[] = [];
  readonly #server = http.createServer((req, res) => void this.#serve(req, res));

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Queues answers for the next requests, in order. */
  answer(...answers: ScriptedAnswer[]): this {
    this.#script.push(...answers);
    return this;
  }

  /** A kubeconfig pointing at this server with a bearer token. */
  kubeConfig(token = 'test-token'): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'scripted', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'tester', token }],
      contexts: [{ name: 'scripted', cluster: 'scripted', user: 'tester' }],
      currentContext: 'scripted',
    });
    return kc;
  }

  async stop(): Promise<void> {
    if (!this.#server.listening) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.seen.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    });
    const next = this.#script.shift();
    if (!next) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`unscripted request ${req.method} ${req.url}`);
      return;
    }
    if ('stream' in next) return next.stream(res, req);
    res.writeHead(next.status, { 'content-type': 'application/json' }).end(JSON.stringify(next.body));
  }
}

/** A Kubernetes failure Status body. */
export function statusBody(code: number, reason: string, message: string, causes?: { field: string; message: string; reason?: string }[]) {
  return { apiVersion: 'v1', kind: 'Status', status: 'Failure', code, reason, message, ...(causes ? { details: { causes } } : {}) };
}
