import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiError } from '../errors.js';
import { requestUrl, type Query } from './paths.js';
import { errorFromResponse, networkError } from './status-mapping.js';

export interface TransportRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Query;
  readonly body?: unknown;
  readonly contentType?: string;
}

export interface TransportResponse {
  readonly status: number;
  readonly body: string;
}

export interface TransportOptions {
  /** Per-request timeout for everything but watches. */
  readonly requestTimeoutMs: number;
  /** How long TLS material and auth headers from the kubeconfig are reused before being read again. */
  readonly credentialTtlMs: number;
  readonly userAgent: string;
}

type RequestOptions = https.RequestOptions;

/**
 * Plain node:http(s) requests to the apiserver. The kubeconfig (through
 * client-node) supplies server, TLS material and auth headers; credentials are
 * re-read after `credentialTtlMs` or a 401, so rotating tokens keep working.
 */
export class KubeTransport {
  readonly #config: KubeConfig;
  readonly #server: string;
  readonly #agent: http.Agent;
  readonly #viaProxy: boolean;
  readonly #opts: TransportOptions;
  #credentials: { options: RequestOptions; expires: number } | undefined;

  constructor(config: KubeConfig, opts: TransportOptions) {
    const cluster = config.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig: the current context names no cluster');
    this.#config = config;
    this.#server = cluster.server;
    this.#opts = opts;
    this.#viaProxy = Boolean(cluster.proxyUrl);
    const agentOptions = { keepAlive: true, keepAliveMsecs: 30_000 };
    this.#agent = new URL(cluster.server).protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }

  get server(): string {
    return this.#server;
  }

  /** Sends a request and reads the whole answer; non-2xx answers become ApiErrors. */
  async request(req: TransportRequest): Promise<TransportResponse> {
    let res = await this.#send(req);
    if (res.status === 401) {
      this.#credentials = undefined;
      res = await this.#send(req);
    }
    if (res.status < 200 || res.status >= 300) throw errorFromResponse(res.status, res.body);
    return res;
  }

  /** Opens a streaming GET (a watch); the caller reads and ends the response. */
  async stream(path: string, query: Query): Promise<{ response: http.IncomingMessage; request: http.ClientRequest }> {
    const url = requestUrl(this.#server, path, query);
    const options = await this.#requestOptions('GET', url, undefined);
    return new Promise((resolve, reject) => {
      const request = this.#module(url).request(url, options, (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve({ response, request });
        void readBody(response).then((body) => reject(errorFromResponse(status, body)), (err: unknown) => reject(networkError(err, 'GET', url)));
      });
      request.on('error', (err) => reject(networkError(err, 'GET', url)));
      request.end();
    });
  }

  /** Destroys every socket of the agent, in use or idle. */
  close(): void {
    this.#agent.destroy();
  }

  async #send(req: TransportRequest): Promise<TransportResponse> {
    const url = requestUrl(this.#server, req.path, req.query);
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const options = await this.#requestOptions(req.method, url, payload && (req.contentType ?? 'application/json'));
    // Node sends a DELETE body neither chunked nor sized unless told its length.
    if (payload) options.headers = { ...options.headers, 'content-length': String(payload.length) };
    return new Promise((resolve, reject) => {
      const request = this.#module(url).request(url, options, (response) => {
        readBody(response).then(
          (body) => resolve({ status: response.statusCode ?? 0, body }),
          (err: unknown) => reject(networkError(err, req.method, url)),
        );
      });
      request.setTimeout(this.#opts.requestTimeoutMs, () => {
        const err = new Error(`no answer within ${this.#opts.requestTimeoutMs}ms`);
        err.name = 'TimeoutError';
        request.destroy(err);
      });
      request.on('error', (err) => reject(networkError(err, req.method, url)));
      request.end(payload);
    });
  }

  async #requestOptions(method: string, url: URL, contentType: string | undefined): Promise<RequestOptions> {
    const base = await this.#credentialOptions();
    return {
      ...base,
      method,
      // client-node's agent knows proxies; without one, our keep-alive agent saves a TLS handshake per request.
      agent: this.#viaProxy ? base.agent : this.#agent,
      headers: {
        ...base.headers,
        accept: 'application/json',
        'user-agent': this.#opts.userAgent,
        ...(contentType ? { 'content-type': contentType } : {}),
      },
    };
  }

  async #credentialOptions(): Promise<RequestOptions> {
    const now = Date.now();
    if (this.#credentials && this.#credentials.expires > now) return this.#credentials.options;
    const options: RequestOptions = {};
    try {
      await this.#config.applyToHTTPSOptions(options);
    } catch (err) {
      const apiErr = new ApiError('Unauthorized', `kubeconfig credentials: ${err instanceof Error ? err.message : String(err)}`);
      apiErr.cause = err;
      throw apiErr;
    }
    this.#credentials = { options, expires: now + this.#opts.credentialTtlMs };
    return options;
  }

  #module(url: URL): typeof http | typeof https {
    return url.protocol === 'https:' ? https : http;
  }
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}
