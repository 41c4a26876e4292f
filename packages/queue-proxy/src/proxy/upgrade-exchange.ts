// An HTTP/1.1 Upgrade (websockets): the handshake goes to the app, and once it
// answers 101 the two sockets are joined until either side closes. The slot is
// held for the connection's life, as Knative's proxy holds it.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { Exchange, type ExchangeContext } from './exchange.js';
import { http1RequestHeaders, http1ResponseHeaders } from './headers.js';
import { writeRawError } from './send-text.js';

export class UpgradeExchange extends Exchange {
  readonly #req: http.IncomingMessage;
  readonly #socket: Duplex;
  readonly #head: Buffer;
  #upstream: http.ClientRequest | undefined;
  #status = 0;

  constructor(ctx: ExchangeContext, req: http.IncomingMessage, socket: Duplex, head: Buffer, proxied: boolean) {
    super(ctx, proxied);
    this.#req = req;
    this.#socket = socket;
    this.#head = head;
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      this.abortUpstream();
      this.finish(this.#status || 499);
    });
  }

  protected forward(): void {
    const req = this.#req;
    const { upstream } = this.ctx;
    // An upgraded socket leaves any pool, so it is not taken from one.
    const up = http.request({ host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers: http1RequestHeaders(req, true), setHost: false, agent: false });
    this.#upstream = up;
    up.on('upgrade', (res, appSocket, appHead) => {
      this.upgraded();
      this.#status = 101;
      const client = this.#socket;
      client.write(responseHead(res));
      if (appHead.length > 0) client.write(appHead);
      if (this.#head.length > 0) appSocket.write(this.#head);
      appSocket.on('error', () => client.destroy());
      appSocket.on('close', () => client.destroy());
      client.on('close', () => appSocket.destroy());
      appSocket.pipe(client);
      client.pipe(appSocket);
    });
    // The app declined the upgrade: relay its answer as is.
    up.on('response', (res) => {
      this.responseStarted();
      this.#status = res.statusCode ?? 502;
      this.#socket.write(responseHead(res));
      res.pipe(this.#socket);
    });
    up.on('error', (err: NodeJS.ErrnoException) => {
      if (this.#status === 0) this.reject(502, `error reaching the app on port ${upstream.port}: ${err.code ?? err.message}`);
      else this.abortAll();
    });
    up.end();
  }

  protected reject(status: number, message: string): void {
    this.#status = status;
    writeRawError(this.#socket, status, message);
  }

  protected abortUpstream(): void {
    this.#upstream?.destroy();
    this.#upstream = undefined;
  }

  protected abortAll(): void {
    this.abortUpstream();
    this.#socket.destroy();
  }
}

/** A status line and headers as raw HTTP/1.1 text; a declined upgrade's answer is delimited by closing. */
function responseHead(res: http.IncomingMessage): string {
  const headers = http1ResponseHeaders(res.rawHeaders);
  let head = `HTTP/1.1 ${res.statusCode ?? 502} ${res.statusMessage ?? ''}\r\n`;
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
  if (res.statusCode === 101) head += `Connection: Upgrade\r\nUpgrade: ${res.headers.upgrade ?? ''}\r\n`;
  else head += 'Connection: close\r\n';
  return `${head}\r\n`;
}
