// A user container for tests: a real HTTP/1.1 server on port 0 (and an h2c
// one) that echoes what it received, holds requests until released, streams,
// answers any status, and echoes websocket-style upgraded bytes.
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface EchoBody {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly bodyBytes: number;
}

/** A request held at the app until the test lets it answer. */
export interface Held {
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  release(status?: number, body?: string): void;
}

export class EchoApp {
  readonly server: http.Server | http2.Http2Server;
  port = 0;
  /** Requests the app received, probes included. */
  readonly seen: EchoBody[] = [];
  readonly #held: Held[] = [];
  readonly #heldWaiters: (() => void)[] = [];

  constructor(protocol: 'http1' | 'h2c' = 'http1') {
    const handler = (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse) => this.#handle(req, res);
    if (protocol === 'h2c') this.server = http2.createServer(handler);
    else {
      const s = http.createServer(handler);
      s.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', httpVersion: req.httpVersion, headers: req.headers, bodyBytes: 0 });
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: ${req.headers.upgrade}\r\nX-Echo-Url: ${req.url}\r\n\r\n`);
        if (head.length > 0) socket.write(head);
        socket.pipe(socket);
      });
      this.server = s;
    }
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  close(): Promise<void> {
    for (const h of this.#held.splice(0)) h.release(200);
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      if (this.server instanceof http.Server) this.server.closeAllConnections();
    });
  }

  /** Resolves with the `n`th held request (1-based) once it reached the app. */
  async held(n = 1): Promise<Held> {
    while (this.#heldCount < n) await new Promise<void>((resolve) => this.#heldWaiters.push(resolve));
    return this.#allHeld[n - 1]!;
  }

  readonly #allHeld: Held[] = [];
  get #heldCount(): number {
    return this.#allHeld.length;
  }

  #handle(req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse): void {
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      const url = req.url ?? '/';
      const seen: EchoBody = { method: req.method ?? '', url, httpVersion: req.httpVersion, headers: req.headers, bodyBytes: bytes };
      this.seen.push(seen);
      const write = res as http.ServerResponse;
      if (url.startsWith('/hold')) {
        const held: Held = { url, headers: req.headers, release: (status = 200, body = 'released') => void (res.headersSent || write.writeHead(status, { 'content-type': 'text/plain' }).end(body)) };
        this.#held.push(held);
        this.#allHeld.push(held);
        for (const w of this.#heldWaiters.splice(0)) w();
        return;
      }
      if (url.startsWith('/stream')) {
        // Headers and a first chunk now, the rest only when released.
        write.writeHead(200, { 'content-type': 'text/plain' });
        write.write('first\n');
        const held: Held = { url, headers: req.headers, release: () => void res.end('last\n') };
        this.#held.push(held);
        this.#allHeld.push(held);
        for (const w of this.#heldWaiters.splice(0)) w();
        return;
      }
      const status = /^\/status\/(\d{3})/.exec(url);
      if (url.startsWith('/trailers') && res instanceof http2.Http2ServerResponse) {
        res.writeHead(200, { 'content-type': 'application/grpc' });
        res.addTrailers({ 'grpc-status': '0', 'grpc-message': 'fine' });
        res.end('payload');
        return;
      }
      const body = JSON.stringify(seen);
      write.writeHead(status ? Number(status[1]) : 200, { 'content-type': 'application/json', 'x-app': 'echo' });
      res.end(body);
    });
  }
}
