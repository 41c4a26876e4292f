import { KubeConfig } from '@kubernetes/client-node';
import { apiVersionOf, type KubeObject, type ResourceType } from '@knot/api';
import type {
  Client,
  CreateOptions,
  DeleteOptions,
  ListOptions,
  ListResult,
  Patch,
  Watch,
  WatchEvent,
  WatchOptions,
} from '../client.js';
import { ApiError } from '../errors.js';
import { KubeTransport, type TransportOptions } from './http-transport.js';
import { createQuery, deleteBody, listQuery, objectPath, PATCH_CONTENT_TYPES, resourcePath, watchQuery } from './paths.js';
import { isRecord, isStatusObject } from './status-mapping.js';
import { WatchStream } from './watch-stream.js';

export type KubeClientOptions = Partial<TransportOptions>;

export interface KubeconfigSource {
  /** Path of a kubeconfig file; default: `$KUBECONFIG`, then `~/.kube/config`, then in-cluster. */
  kubeconfig?: string;
  /** Context to use instead of the file's current-context. */
  context?: string;
}

const DEFAULTS: TransportOptions = { requestTimeoutMs: 30_000, credentialTtlMs: 60_000, userAgent: 'knot' };

/**
 * The `Client` for a real kube-apiserver. client-node supplies the kubeconfig
 * (server, TLS, auth); requests are plain REST calls built from ResourceType.
 */
export class KubeClient implements Client {
  readonly #transport: KubeTransport;

  constructor(config: KubeConfig, opts: KubeClientOptions = {}) {
    this.#transport = new KubeTransport(config, { ...DEFAULTS, ...opts });
  }

  /** A client from a kubeconfig file (or the default loading rules) and an optional context. */
  static fromKubeconfig(source: KubeconfigSource = {}, opts?: KubeClientOptions): KubeClient {
    const config = new KubeConfig();
    if (source.kubeconfig) config.loadFromFile(source.kubeconfig);
    else config.loadFromDefault();
    if (source.context) {
      if (!config.getContextObject(source.context)) throw new Error(`context: no context named ${source.context} in the kubeconfig`);
      config.setCurrentContext(source.context);
    }
    return new KubeClient(config, opts);
  }

  /** A client from the pod's service account (KUBERNETES_SERVICE_HOST/PORT and its token). */
  static inCluster(opts?: KubeClientOptions): KubeClient {
    if (!process.env.KUBERNETES_SERVICE_HOST) throw new Error('inCluster: KUBERNETES_SERVICE_HOST is not set; not running in a pod');
    const config = new KubeConfig();
    config.loadFromCluster();
    return new KubeClient(config, opts);
  }

  async get<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string): Promise<T> {
    const res = await this.#transport.request({ method: 'GET', path: resourcePath(rt, namespace, name) });
    return parseObject<T>(res.body);
  }

  async list<T extends KubeObject>(rt: ResourceType<T>, namespace?: string, opts?: ListOptions): Promise<ListResult<T>> {
    const res = await this.#transport.request({ method: 'GET', path: resourcePath(rt, namespace), query: listQuery(opts) });
    const list = parseRecord(res.body);
    const items = Array.isArray(list.items) ? (list.items as unknown[]) : [];
    const metadata = isRecord(list.metadata) ? list.metadata : {};
    return {
      // Items of built-in lists come without apiVersion and kind; fill them so objects look alike everywhere.
      items: items.filter(isRecord).map((item) => ({ apiVersion: apiVersionOf(rt), kind: rt.kind, ...item }) as T),
      resourceVersion: typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : '',
    };
  }

  async watch<T extends KubeObject>(
    rt: ResourceType<T>,
    namespace: string | undefined,
    opts: WatchOptions,
    onEvent: (event: WatchEvent<T>) => void,
  ): Promise<Watch> {
    const { request, response } = await this.#transport.stream(resourcePath(rt, namespace), watchQuery(opts));
    return new WatchStream<T>(response, () => request.destroy(), onEvent);
  }

  async create<T extends KubeObject>(rt: ResourceType<T>, obj: T, opts?: CreateOptions): Promise<T> {
    if (rt.namespaced && !obj.metadata?.namespace) throw new ApiError('BadRequest', `${rt.kind}: metadata.namespace is required`);
    const res = await this.#transport.request({
      method: 'POST',
      path: resourcePath(rt, obj.metadata?.namespace),
      query: createQuery(opts),
      body: withTypeMeta(rt, obj),
    });
    return parseObject<T>(res.body);
  }

  async update<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T> {
    const res = await this.#transport.request({ method: 'PUT', path: objectPath(rt, obj), body: withTypeMeta(rt, obj) });
    return parseObject<T>(res.body);
  }

  async updateStatus<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T> {
    const res = await this.#transport.request({ method: 'PUT', path: objectPath(rt, obj, 'status'), body: withTypeMeta(rt, obj) });
    return parseObject<T>(res.body);
  }

  async patch<T extends KubeObject>(
    rt: ResourceType<T>,
    namespace: string | undefined,
    name: string,
    patch: Patch,
    opts?: { subresource?: 'status' },
  ): Promise<T> {
    const res = await this.#transport.request({
      method: 'PATCH',
      path: resourcePath(rt, namespace, name, opts?.subresource),
      body: patch.patch,
      contentType: PATCH_CONTENT_TYPES[patch.type],
    });
    return parseObject<T>(res.body);
  }

  async delete<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<T | undefined> {
    const res = await this.#transport.request({ method: 'DELETE', path: resourcePath(rt, namespace, name), body: deleteBody(opts) });
    // Some kinds answer a delete with a Success Status instead of the object.
    const body = parseRecord(res.body);
    return isStatusObject(body) ? undefined : asObject<T>(body);
  }

  /** Closes every connection, running watches included (their `done` rejects); for process shutdown. */
  close(): void {
    this.#transport.close();
  }
}

function withTypeMeta<T extends KubeObject>(rt: ResourceType<T>, obj: T): T {
  return { ...obj, apiVersion: obj.apiVersion ?? apiVersionOf(rt), kind: obj.kind ?? rt.kind };
}

function parseRecord(body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ApiError('InternalError', `apiserver answered with invalid JSON: ${body.slice(0, 100)}`);
  }
  if (!isRecord(parsed)) throw new ApiError('InternalError', 'apiserver answered with a non-object');
  return parsed;
}

/** The apiserver's answer as an object; its shape beyond that is the ResourceType's promise. */
function parseObject<T extends KubeObject>(body: string): T {
  return asObject<T>(parseRecord(body));
}

function asObject<T extends KubeObject>(record: Record<string, unknown>): T {
  return record as T;
}
