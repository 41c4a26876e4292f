// One port that speaks HTTP/1.1 and HTTP/2 cleartext (prior knowledge), told apart by the client's first bytes.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import type { GatewayLimits } from '../limits.js';

/** The HTTP/2 connection preface a prior-knowledge client sends first. */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export type RequestHandler = (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse) => void;
export type UpgradeHandler = (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => void;

export interface ListenerOptions {
  readonly limits: GatewayLimits;
  readonly onRequest: RequestHandler;
  readonly onUpgrade: UpgradeHandler;
  /** A malformed HTTP/1 request: the status and message to answer with. */
  readonly onClientError?: (code: string) => void;
}

/** A listening port and its two protocol servers. */
export class Listener {
  readonly #net: net.Server;
  readonly #h1: http.Server;
  readonly #h2: http2.Http2Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #sessions = new Set<http2.ServerHttp2Session>();

  constructor(opts: ListenerOptions) {
    const { limits } = opts;
    this.#h1 = http.createServer(
      {
        maxHeaderSize: limits.maxHeaderBytes,
        headersTimeout: limits.headersTimeoutMs,
        // Revisions enforce their own request timeouts; a gateway-wide one would cut long streams.
        requestTimeout: 0,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(limits.headersTimeoutMs / 4))),
      },
      opts.onRequest,
    );
    this.#h1.on('upgrade', opts.onUpgrade);
    this.#h1.on('clientError', (err: Error & { code?: string }, socket: net.Socket) => {
      opts.onClientError?.(err.code ?? 'unknown');
      answerClientError(err, socket);
    });
    // The HTTP/1 server never listens itself (sockets are handed to it), so start its
    // connection tracking, which enforces headersTimeout and lets close find idle connections.
    this.#h1.emit('listening');
    this.#h2 = http2.createServer({ maxSessionMemory: 64, settings: { maxHeaderListSize: limits.maxHeaderBytes * 2 } }, opts.onRequest);
    this.#h2.on('session', (session: http2.ServerHttp2Session) => {
      this.#sessions.add(session);
      session.once('close', () => this.#sessions.delete(session));
    });
    this.#net = net.createServer((socket) => this.#sniff(socket));
  }

  /** Listens and resolves with the bound port (any free one for 0). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#net.once('error', reject);
      this.#net.listen(port, host, () => {
        this.#net.off('error', reject);
        resolve((this.#net.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops accepting, lets requests in flight finish within `graceMs`, then drops what is left. */
  async close(graceMs: number, setTimer: (fn: () => void, ms: number) => () => void): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#net.close(() => resolve()));
    this.#h1.closeIdleConnections();
    for (const session of this.#sessions) session.close();
    const cancel = setTimer(() => this.#destroyAll(), graceMs);
    // Keep-alive clients that stay idle would hold the port open: drop idle ones as they become idle.
    const sweep = setInterval(() => this.#h1.closeIdleConnections(), 50);
    try {
      await closed;
    } finally {
      clearInterval(sweep);
      cancel();
      this.#h1.close();
    }
  }

  #destroyAll(): void {
    this.#h1.closeAllConnections();
    for (const session of this.#sessions) session.destroy();
    for (const socket of this.#sockets) socket.destroy();
  }

  #sniff(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let seen: Buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, PREFACE.length);
      const h2 = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
      // A prefix of the preface cannot decide yet: wait for more bytes.
      if (h2 && n < PREFACE.length) return;
      socket.off('data', onData);
      socket.pause();
      socket.unshift(seen);
      if (h2) {
        // The session reads what is buffered on the next tick; resuming now would lose it.
        this.#h2.emit('connection', socket);
      } else {
        this.#h1.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
  }
}

/** A 4xx naming the problem for a request node:http could not parse; a broken connection is just closed. */
function answerClientError(err: Error & { code?: string }, socket: net.Socket): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, text, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'request headers too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request headers not received in time']
        : [400, 'Bad Request', `malformed request (${err.code ?? 'parse error'})`];
  const body = `${message}\n`;
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
