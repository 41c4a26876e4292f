// The serving port speaks HTTP/1.1 and h2c with prior knowledge on one
// listener, as Knative's h2c handler does: the first bytes of a connection
// decide which node server gets it.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import type { ServingHandler } from '../proxy/serving-handler.js';
import { writeRawError } from '../proxy/send-text.js';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export interface ServingServerOptions {
  readonly handler: ServingHandler;
  /** Larger request heads get 431. */
  readonly maxHeaderSize: number;
}

export class ServingServer {
  readonly net: net.Server;
  readonly #http1: http.Server;
  readonly #http2: http2.Http2Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #sessions = new Set<http2.ServerHttp2Session>();

  constructor(opts: ServingServerOptions) {
    const { handler } = opts;
    // No request timeout of node's own: the revision's timeouts bound requests.
    this.#http1 = http.createServer(
      {
        maxHeaderSize: opts.maxHeaderSize,
        requestTimeout: 0,
        // `Upgrade: h2c` is answered over HTTP/1.1, as the protocol allows; other upgrades (websockets) are proxied.
        shouldUpgradeCallback: (req: http.IncomingMessage) => req.headers.upgrade !== undefined && req.headers.upgrade.toLowerCase() !== 'h2c',
      },
      handler.request,
    );
    this.#http1.on('upgrade', handler.upgrade);
    this.#http1.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
      if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      writeRawError(socket, status, `malformed request: ${err.code ?? err.message}`);
    });
    this.#http2 = http2.createServer({ maxHeaderListPairs: 512, maxSessionMemory: 64, settings: { maxHeaderListSize: opts.maxHeaderSize } }, handler.request);
    this.#http2.on('session', (s) => {
      this.#sessions.add(s);
      s.on('close', () => this.#sessions.delete(s));
      s.on('error', () => s.destroy());
    });
    this.net = net.createServer({ noDelay: true }, (socket) => this.#accept(socket));
  }

  /** Stops accepting connections; open ones keep being served. */
  stopAccepting(): Promise<void> {
    return new Promise((resolve) => this.net.close(() => resolve()));
  }

  /** Asks h2 clients to go away and closes every connection that is not busy. */
  closeIdle(): void {
    for (const s of this.#sessions) s.close();
    this.#http1.closeIdleConnections();
  }

  /** Drops every connection left. */
  destroyAll(): void {
    for (const s of this.#sessions) s.destroy();
    for (const s of this.#sockets) s.destroy();
  }

  #accept(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // A client that leaves before saying which protocol it speaks.
    const onEnd = (): void => void socket.destroy();
    socket.once('end', onEnd);
    let seen: Buffer | undefined;
    const sniff = (): void => {
      for (let chunk = socket.read() as Buffer | null; chunk !== null; chunk = socket.read() as Buffer | null) seen = seen ? Buffer.concat([seen, chunk]) : chunk;
      if (!seen) return void socket.once('readable', sniff);
      // A partial preface that still matches waits for more bytes.
      const n = Math.min(seen.length, PREFACE.length);
      const h2 = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
      if (h2 && seen.length < PREFACE.length) return void socket.once('readable', sniff);
      socket.off('end', onEnd);
      socket.unshift(seen);
      (h2 ? this.#http2 : this.#http1).emit('connection', socket);
    };
    socket.once('readable', sniff);
  }
}
