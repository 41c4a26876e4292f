// The local API's request handler: probes and /version for anyone, then the
// bearer token, then discovery or a resource path. Every failure is answered
// with a Kubernetes Status; only an unexpected error is a 500, and is logged.
import type http from 'node:http';
import { ApiError, type Logger } from '@knot/runtime';
import type { Discovery } from './discovery.js';
import { sendError, sendJson } from './http-reply.js';
import type { OpenApi } from './openapi.js';
import { mediaType } from './read-body.js';
import { parseApiPath } from './request-path.js';
import { handleResource, type ResourceHandlerOptions } from './resource-handler.js';
import type { WatchStream } from './serve-watch.js';
import { failureStatus, notFound, RequestError } from './status-error.js';

export interface ApiHandlerOptions extends Omit<ResourceHandlerOptions, 'track'> {
  readonly discovery: Discovery;
  readonly openApi: OpenApi;
  readonly authenticate: (req: http.IncomingMessage) => boolean;
  /** host:port clients reach the API at, for /api's serverAddressByClientCIDRs. */
  readonly serverAddress: () => string;
  /** Answers /readyz: empty when ready, else the reasons. */
  readonly readiness: () => readonly string[];
  readonly logger: Logger;
}

// Media ranges a JSON answer satisfies; anything else (protobuf only, YAML only, CBOR) is a 406.
const JSON_RANGES = new Set(['application/json', 'application/*', '*/*', '']);

function acceptsJson(header: string | undefined): boolean {
  if (header === undefined || header.trim() === '') return true;
  return header.split(',').some((range) => JSON_RANGES.has(mediaType(range)));
}

export class ApiHandler {
  readonly #opts: ApiHandlerOptions;
  readonly #watches = new Set<WatchStream>();
  readonly #resources: ResourceHandlerOptions;

  constructor(opts: ApiHandlerOptions) {
    this.#opts = opts;
    this.#resources = {
      ...opts,
      track: (w) => {
        this.#watches.add(w);
        return () => this.#watches.delete(w);
      },
    };
  }

  /** Ends every running watch (on shutdown); clients resume elsewhere or later. */
  stopWatches(): void {
    for (const w of [...this.#watches]) w.stop();
  }

  readonly handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    this.#route(req, res).catch((err: unknown) => {
      const status = sendError(res, err);
      if (status >= 500) this.#opts.logger.error({ err, method: req.method, url: req.url }, 'local API request failed');
    });
  };

  async #route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = parseApiPath(q < 0 ? url : url.slice(0, q));
    const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    const method = req.method ?? '';
    const readOnly = method === 'GET' || method === 'HEAD';

    if (path?.kind === 'probe' || path?.kind === 'version') {
      if (!readOnly) throw methodNotAllowed();
      if (path.kind === 'version') return sendJson(res, 200, this.#opts.discovery.version());
      return this.#probe(res, path.name);
    }
    if (!this.#opts.authenticate(req)) {
      const { httpStatus, body } = failureStatus(401, 'Unauthorized', 'Unauthorized');
      return sendJson(res, httpStatus, body);
    }
    if (!acceptsJson(req.headers.accept)) throw new RequestError('NotAcceptable', `only application/json is served; the request accepts ${JSON.stringify(req.headers.accept)}`);
    if (path === undefined) throw notFound();
    if (path.kind === 'resource') return handleResource(this.#resources, req, res, path, query);
    if (!readOnly) throw methodNotAllowed();
    const { discovery, openApi } = this.#opts;
    const doc =
      path.kind === 'openapi' ? (path.document === undefined ? openApi.root() : openApi.groupVersion(path.document))
      : path.kind === 'coreVersions' ? discovery.coreVersions(this.#opts.serverAddress())
      : path.kind === 'groupList' ? discovery.groupList()
      : path.kind === 'group' ? discovery.group(path.group)
      : discovery.resourceList(path.group, path.version);
    if (!doc) throw notFound();
    sendJson(res, 200, doc);
  }

  #probe(res: http.ServerResponse, name: 'healthz' | 'readyz' | 'livez'): void {
    const problems = name === 'readyz' ? this.#opts.readiness() : [];
    const body = problems.length === 0 ? 'ok' : `${problems.join('\n')}\n`;
    res.writeHead(problems.length === 0 ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache, private', 'content-length': Buffer.byteLength(body) });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }
}

function methodNotAllowed(): ApiError {
  return new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
}
