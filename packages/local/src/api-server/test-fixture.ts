// Test support: the local API over a MemoryStore on a real port, a kubeconfig
// written for it, and a raw HTTPS client for requests no library would send.
import https from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVING_NAMESPACE } from '@knot/api';
import { isApiError, MemoryStore, noopLogger, type ApiError } from '@knot/runtime';
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

/** The ApiError `p` rejects with; fails the test when it resolves or rejects with anything else. */
export async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (isApiError(err)) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

export interface LineStream {
  readonly status: number;
  /** Each line of the body, parsed as JSON, as it arrives. */
  readonly lines: Collector<Record<string, unknown>>;
  /** Resolves when the server ends the response. */
  readonly ended: Promise<void>;
  close(): void;
}

/** A streaming GET (a watch) whose lines arrive one by one. */
export function openStream(api: RunningApiServer, path: string, headers: Record<string, string> = {}): Promise<LineStream> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: api.port, path, ca: api.caCert, headers: { authorization: `Bearer ${api.token}`, ...headers } }, (res) => {
      const lines = new Collector<Record<string, unknown>>();
      let buffer = '';
      const ended = new Promise<void>((done) => {
        res.on('end', () => done());
        res.on('close', () => done());
        // Closing the stream from this side cuts the response; that is not a failure here.
        res.on('error', () => done());
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
        }
      });
      resolve({ status: res.statusCode ?? 0, lines, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}
