// A plain request (from an HTTP/1.1 or an h2c client) sent to the app: over
// HTTP/1.1 with keep-alive, or over h2c when it came over HTTP/2, with the
// response and its trailers relayed as they stream.
import http from 'node:http';
import http2 from 'node:http2';
import type { Readable } from 'node:stream';
import { Exchange, type ExchangeContext } from './exchange.js';
import { h2RequestHeaders, h2ResponseHeaders, http1RequestHeaders, http1ResponseHeaders } from './headers.js';
import { sendText, type AnyResponse } from './send-text.js';

export type AnyRequest = http.IncomingMessage | http2.Http2ServerRequest;

export class HttpExchange extends Exchange {
  readonly #req: AnyRequest;
  readonly #res: AnyResponse;
  #upstream: http.ClientRequest | http2.ClientHttp2Stream | undefined;

  constructor(ctx: ExchangeContext, req: AnyRequest, res: AnyResponse, proxied: boolean) {
    super(ctx, proxied);
    this.#req = req;
    this.#res = res;
    // The response is complete or the client left: either way the request is over.
    res.once('close', () => {
      this.abortUpstream();
      this.finish(res.headersSent && res.writableEnded ? res.statusCode : 499);
    });
  }

  protected forward(): void {
    try {
      if (this.#req instanceof http.IncomingMessage) this.#forwardHttp1(this.#req, http1RequestHeaders(this.#req, false), true);
      else this.#forwardH2(this.#req);
    } catch (err) {
      // Thrown before anything was sent: something in the request node will not put on the wire.
      this.reject(400, `the request cannot be forwarded: ${reason(err)}`);
    }
  }

  #forwardHttp1(req: http.IncomingMessage, headers: string[], retry: boolean): void {
    const { upstream } = this.ctx;
    const up = http.request({ host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers, setHost: false, agent: upstream.agent });
    this.#upstream = up;
    up.on('response', (upRes) => this.#relayHttp1(upRes));
    up.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive connection the app closed just as it was reused: nothing reached the app, so a bodiless request goes again.
      if (retry && up.reusedSocket && err.code === 'ECONNRESET' && !this.ended && !this.hasResponseStarted && bodiless(req)) {
        this.#forwardHttp1(req, headers, false);
        return;
      }
      this.#failed(err);
    });
    if (bodiless(req)) up.end();
    else req.pipe(up);
  }

  #relayHttp1(upRes: http.IncomingMessage): void {
    if (this.ended) return void upRes.resume();
    this.responseStarted();
    const res = this.#res as http.ServerResponse;
    try {
      res.writeHead(upRes.statusCode ?? 502, http1ResponseHeaders(upRes.rawHeaders));
    } catch (err) {
      upRes.resume();
      this.abortUpstream();
      sendText(res, 502, `the app answered with headers that cannot be relayed: ${reason(err)}`);
      return;
    }
    this.#relayBody(upRes);
    upRes.on('close', () => {
      if (!upRes.complete) this.abortAll();
    });
  }

  #forwardH2(req: http2.Http2ServerRequest): void {
    const endStream = req.stream.endAfterHeaders;
    const stream = this.ctx.upstream.session().request(h2RequestHeaders(req.headers, req.method, req.url), { endStream });
    this.#upstream = stream;
    const res = this.#res as http2.Http2ServerResponse;
    stream.on('response', (h) => {
      if (this.ended) return;
      this.responseStarted();
      res.writeHead(Number(h[':status']), h2ResponseHeaders(h));
      this.#relayBody(stream);
    });
    stream.on('trailers', (t: http2.IncomingHttpHeaders) => res.addTrailers(h2ResponseHeaders(t)));
    stream.on('error', (err) => this.#failed(err));
    stream.on('close', () => {
      if (this.ended) return;
      if (!this.hasResponseStarted) this.#failed(new Error(`stream closed with code ${stream.rstCode}`));
      else if (stream.rstCode !== http2.constants.NGHTTP2_NO_ERROR) this.abortAll();
    });
    if (!endStream) req.pipe(stream);
  }

  /**
   * The response body, chunk by chunk with backpressure. Not pipe(): it sets
   * up and tears down about ten listeners per response, which shows on the
   * hot path. Errors need no handling here: the exchange's close handlers end
   * both sides.
   */
  #relayBody(body: Readable): void {
    const res = this.#res as NodeJS.WritableStream;
    const watchesIdle = this.watchesIdle;
    const resume = () => body.resume();
    body.on('data', (chunk: Buffer) => {
      if (watchesIdle) this.activity();
      if (!res.write(chunk)) {
        body.pause();
        res.once('drain', resume);
      }
    });
    body.once('end', () => res.end());
  }

  #failed(err: unknown): void {
    if (this.ended) return;
    if (this.hasResponseStarted) this.abortAll();
    else this.reject(502, `error reaching the app on port ${this.ctx.upstream.port}: ${reason(err)}`);
  }

  protected reject(status: number, message: string): void {
    if (this.#res.headersSent) return this.abortAll();
    sendText(this.#res, status, message);
  }

  protected abortUpstream(): void {
    const up = this.#upstream;
    this.#upstream = undefined;
    if (!up || up.destroyed) return;
    if (up instanceof http.ClientRequest) up.destroy();
    else up.close(http2.constants.NGHTTP2_CANCEL);
  }

  protected abortAll(): void {
    this.abortUpstream();
    const res = this.#res;
    if (res instanceof http.ServerResponse) res.destroy();
    else res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  }
}

/** A request that carries no body, so it can be sent again as is. */
function bodiless(req: http.IncomingMessage): boolean {
  const h = req.headers;
  return h['transfer-encoding'] === undefined && (h['content-length'] === undefined || h['content-length'] === '0');
}

function reason(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
}
