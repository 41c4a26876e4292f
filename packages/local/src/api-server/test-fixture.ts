// Test support: the local API over a MemoryStore on a real port, a kubeconfig
// written for it, and a raw HTTPS client for requests no library would send.
import https from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVING_NAMESPACE } from '@knot/api';
import { MemoryStore, noopLogger } from '@knot/runtime';
import { KubeClient } from '@knot/runtime/kube';
import { writeKubeconfig } from './kubeconfig.js';
import { startApiServer, type ApiServerDeps, type RunningApiServer } from './start-api-server.js';

export interface TestApi {
  readonly store: MemoryStore;
  readonly api: RunningApiServer;
  readonly kubeconfig: string;
  /** knot's KubeClient, built from the written kubeconfig. */
  readonly kube: KubeClient;
  /** A raw request with the token (unless `token` is given, '' for none). */
  request(method: string, path: string, opts?: RawRequest): Promise<RawReply>;
  stop(): Promise<void>;
}

export interface RawRequest {
  readonly body?: string | Buffer | object;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  readonly token?: string;
}

export interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

export async function startTestApi(overrides: Partial<ApiServerDeps> & { store?: MemoryStore } = {}): Promise<TestApi> {
  const store = overrides.store ?? new MemoryStore({ initialNamespaces: ['default', SERVING_NAMESPACE, 'team-a'] });
  const controller = new AbortController();
  const api = await startApiServer({ client: store, logger: noopLogger, signal: controller.signal, port: 0, ...overrides });
  const dir = await mkdtemp(join(tmpdir(), 'knot-api-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, { url: api.url, token: api.token, caCert: api.caCert, namespace: 'default' });
  const kube = KubeClient.fromKubeconfig({ kubeconfig });
  const agent = new https.Agent({ ca: api.caCert, keepAlive: true });
  return {
    store,
    api,
    kubeconfig,
    kube,
    request: (method, path, opts = {}) => rawRequest(agent, api, method, path, opts),
    async stop() {
      kube.close();
      agent.destroy();
      controller.abort();
      await api.done;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function rawRequest(agent: https.Agent, api: RunningApiServer, method: string, path: string, opts: RawRequest): Promise<RawReply> {
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' || Buffer.isBuffer(opts.body) ? opts.body : JSON.stringify(opts.body);
  const token = opts.token ?? api.token;
  const headers: Record<string, string> = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(body !== undefined ? { 'content-type': opts.contentType ?? 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: api.port, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Collects what a callback receives, and waits until enough has arrived (the test's timeout bounds the wait). */
export class Collector<T> {
  readonly items: T[] = [];
  #waiters: { check: (items: readonly T[]) => boolean; resolve: () => void }[] = [];

  readonly push = (item: T): void => {
    this.items.push(item);
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.check(this.items)) return true;
      w.resolve();
      return false;
    });
  };

  until(check: (items: readonly T[]) => boolean): Promise<readonly T[]> {
    if (check(this.items)) return Promise.resolve(this.items);
    return new Promise((resolve) => this.#waiters.push({ check, resolve: () => resolve(this.items) }));
  }
}
