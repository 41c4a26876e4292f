// Reads GET /api/v1/namespaces/{ns}/pods/{pod}/log with the kubeconfig's
// server, TLS material and credentials.
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { errorFromResponse } from '@knot/runtime/kube';
import type { LogOptions, PodLogs } from './pod-logs.js';

export class HttpPodLogs implements PodLogs {
  readonly #config: KubeConfig;
  readonly #requests = new Set<http.ClientRequest>();

  constructor(config: KubeConfig) {
    this.#config = config;
  }

  async stream(namespace: string, pod: string, opts: LogOptions, onData: (chunk: string) => void): Promise<void> {
    const url = this.#url(namespace, pod, opts);
    const options: https.RequestOptions = {};
    await this.#config.applyToHTTPSOptions(options);
    options.method = 'GET';
    options.headers = { ...options.headers, accept: '*/*', 'user-agent': 'knot-cli' };
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise<void>((resolve, reject) => {
      if (opts.signal?.aborted) return resolve();
      const request = mod.request(url, options, (res) => {
        const status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        if (status < 200 || status >= 300) {
          let body = '';
          res.on('data', (c: string) => (body += c));
          res.on('end', () => reject(errorFromResponse(status, body)));
          res.on('error', reject);
          return;
        }
        res.on('data', onData);
        res.on('end', resolve);
        res.on('error', reject);
        res.on('close', resolve);
      });
      const onAbort = () => request.destroy();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.#requests.add(request);
      request.on('close', () => {
        this.#requests.delete(request);
        opts.signal?.removeEventListener('abort', onAbort);
        if (opts.signal?.aborted) resolve();
      });
      request.on('error', (err) => {
        if (opts.signal?.aborted) return resolve();
        reject(new Error(`GET ${url.origin}${url.pathname}: ${err.message}`, { cause: err }));
      });
      request.end();
    });
  }

  /** Ends every stream still open. */
  close(): void {
    for (const request of this.#requests) request.destroy();
  }

  #url(namespace: string, pod: string, opts: LogOptions): URL {
    const server = this.#config.getCurrentCluster()?.server ?? '';
    const url = new URL(server);
    const base = url.pathname.replace(/\/$/, '');
    url.pathname = `${base}/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
    if (opts.container) url.searchParams.set('container', opts.container);
    if (opts.follow) url.searchParams.set('follow', 'true');
    if (opts.tailLines !== undefined) url.searchParams.set('tailLines', String(opts.tailLines));
    return url;
  }
}
