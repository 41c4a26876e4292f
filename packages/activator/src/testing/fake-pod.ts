// A revision pod as the activator sees it: a server on 127.0.0.1:0 that answers
// `K-Network-Probe: queue` the way queue-proxy does (once `ready`), and echoes
// every other request as JSON. `hold()` keeps requests open until released.
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { PROBE_HEADER_LOWER, PROBE_HEADER_VALUE_QUEUE } from '@knot/api';

export interface Echo {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly pod: number;
}

export class FakePod {
  readonly server: http.Server | http2.Http2Server;
  ready = true;
  readonly probes: http.IncomingHttpHeaders[] = [];
  readonly served: Echo[] = [];
  #held: (() => void)[] | undefined;
  #port = 0;

  constructor(readonly protocol: 'http1' | 'h2c' = 'http1') {
    const handler = (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse) => this.#handle(req, res);
    this.server = protocol === 'h2c' ? http2.createServer(handler) : http.createServer(handler);
  }

  get port(): number {
    return this.#port;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** From now on, requests wait until `release()`. */
  hold(): void {
    this.#held ??= [];
  }

  /** Answers every held request and stops holding. */
  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const answer of held) answer();
  }

  get waiting(): number {
    return this.#held?.length ?? 0;
  }

  async close(): Promise<void> {
    this.release();
    if (this.server instanceof http.Server) this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #handle(req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse): void {
    const r = res as http.ServerResponse;
    if (req.headers[PROBE_HEADER_LOWER] === PROBE_HEADER_VALUE_QUEUE) {
      this.probes.push(req.headers);
      if (this.ready) r.writeHead(200, { 'content-type': 'text/plain' }).end(PROBE_HEADER_VALUE_QUEUE);
      else r.writeHead(503).end('not ready');
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const echo: Echo = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, pod: this.#port };
      this.served.push(echo);
      const answer = () => {
        const text = JSON.stringify(echo);
        r.writeHead(200, { 'content-type': 'application/json', 'x-pod': String(this.#port) }).end(text);
      };
      if (this.#held) this.#held.push(answer);
      else answer();
    });
  }
}
