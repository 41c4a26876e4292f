// A container registry on 127.0.0.1:0 that speaks enough of the v2 API for digest resolution tests.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';

export interface FakeRegistryOptions {
  /** Manifest bodies by `repository:tag`. */
  readonly manifests?: Readonly<Record<string, string>>;
  /** Whether manifest answers carry Docker-Content-Digest (a string: this value instead of the right one); true by default. */
  readonly digestHeader?: boolean | string;
  /** Manifest requests need `Bearer <token>` from GET /token; `credentials` makes /token itself want Basic auth. */
  readonly bearer?: { readonly token: string; readonly credentials?: { readonly username: string; readonly password: string } };
  /** Manifest requests need these Basic credentials. */
  readonly basic?: { readonly username: string; readonly password: string };
  /** Manifest requests are received but never answered. */
  readonly hang?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly accept: string | undefined;
  readonly userAgent: string | undefined;
}

export const sha256 = (body: string): string => `sha256:${createHash('sha256').update(body).digest('hex')}`;

const basicOf = (c: { username: string; password: string }) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

function errorBody(res: ServerResponse, status: number, code: string, message: string, head: boolean): void {
  const body = JSON.stringify({ errors: [{ code, message }] });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(head ? undefined : body);
}

export class FakeRegistry {
  readonly requests: RecordedRequest[] = [];
  /** Requests not answered yet (with `hang`), so a test can wait for one to arrive. */
  readonly pending: IncomingMessage[] = [];
  readonly #server: Server;
  readonly #opts: FakeRegistryOptions;
  #arrived: (() => void) | undefined;

  private constructor(server: Server, opts: FakeRegistryOptions) {
    this.#server = server;
    this.#opts = opts;
    server.on('request', (req, res) => this.#handle(req, res));
  }

  static async start(opts: FakeRegistryOptions = {}): Promise<FakeRegistry> {
    const registry = new FakeRegistry(createServer(), opts);
    registry.#server.listen(0, '127.0.0.1');
    await once(registry.#server, 'listening');
    return registry;
  }

  /** `127.0.0.1:<port>`, the registry part of image references. */
  get host(): string {
    return `127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Resolves once a request is pending. */
  async requestArrived(): Promise<IncomingMessage> {
    while (this.pending.length === 0) await new Promise<void>((resolve) => (this.#arrived = resolve));
    return this.pending[0] as IncomingMessage;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, 'close');
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://${this.host}`);
    this.requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, authorization: req.headers.authorization, accept: req.headers.accept, userAgent: req.headers['user-agent'] });
    if (url.pathname === '/token') return this.#token(req, res);
    const m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    const head = req.method === 'HEAD';
    if (!m) return errorBody(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry', head);
    const [, repository = '', tag = ''] = m;
    if (this.#opts.hang) {
      this.pending.push(req);
      this.#arrived?.();
      return;
    }
    const { bearer, basic } = this.#opts;
    if (bearer && req.headers.authorization !== `Bearer ${bearer.token}`) {
      res.setHeader('www-authenticate', `Bearer realm="http://${this.host}/token",service="fake-registry",scope="repository:${repository}:pull"`);
      return errorBody(res, 401, 'UNAUTHORIZED', 'authentication required', head);
    }
    if (basic && req.headers.authorization !== basicOf(basic)) {
      res.setHeader('www-authenticate', 'Basic realm="fake-registry"');
      return errorBody(res, 401, 'UNAUTHORIZED', 'authentication required', head);
    }
    const manifest = this.#opts.manifests?.[`${repository}:${tag}`];
    if (manifest === undefined) return errorBody(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown', head);
    const headers: Record<string, string | number> = { 'content-type': MANIFEST_TYPE, 'content-length': Buffer.byteLength(manifest) };
    const digestHeader = this.#opts.digestHeader ?? true;
    if (digestHeader !== false) headers['docker-content-digest'] = digestHeader === true ? sha256(manifest) : digestHeader;
    res.writeHead(200, headers);
    res.end(head ? undefined : manifest);
  }

  #token(req: IncomingMessage, res: ServerResponse): void {
    const want = this.#opts.bearer?.credentials;
    if (want && req.headers.authorization !== basicOf(want)) return errorBody(res, 401, 'UNAUTHORIZED', 'incorrect username or password', false);
    const body = JSON.stringify({ token: this.#opts.bearer?.token ?? '' });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  }
}
