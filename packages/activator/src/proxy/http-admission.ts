// A plain HTTP request (from the HTTP/1.1 or the h2c listener) proxied to a
// pod over HTTP/1.1 with keep-alive, or over h2c for h2c revisions.
import http from 'node:http';
import http2 from 'node:http2';
import type { Readable } from 'node:stream';
import type { PodTracker } from '../throttler/pod-tracker.js';
import type { RevisionEntry } from '../revisions/revision-registry.js';
import { Admission, type AdmissionContext } from './admission.js';
import type { H2cSessions } from './h2c-sessions.js';
import { requestAuthority, requestHeaders, responseHeaders } from './headers.js';
import { sendText, writeHead } from './send-text.js';

/** The parts of node:http's and node:http2's compatibility request and response this uses. */
export type ClientRequest = http.IncomingMessage | http2.Http2ServerRequest;
export type ClientResponse = http.ServerResponse | http2.Http2ServerResponse;

export interface HttpAdmissionContext extends AdmissionContext {
  readonly agent: http.Agent;
  readonly h2c: H2cSessions;
}

export class HttpAdmission extends Admission {
  readonly #req: ClientRequest;
  readonly #res: ClientResponse;
  readonly #agent: http.Agent;
  readonly #h2c: H2cSessions;
  #upstream: http.ClientRequest | http2.ClientHttp2Stream | undefined;

  constructor(ctx: HttpAdmissionContext, entry: RevisionEntry, req: ClientRequest, res: ClientResponse) {
    super(ctx, entry);
    this.#req = req;
    this.#res = res;
    this.#agent = ctx.agent;
    this.#h2c = ctx.h2c;
    // The client left, or the response is complete: either way the request is over.
    res.on('close', () => {
      this.abortUpstream();
      this.end(res.writableFinished ? res.statusCode : 499);
    });
  }

  protected forward(tracker: PodTracker): void {
    try {
      if (this.entry.settings.protocol === 'h2c') this.#forwardH2c(tracker);
      else this.#forwardHttp1(tracker);
    } catch (err) {
      // Thrown before anything was sent: something in the request node will not put on the wire.
      this.reject(400, `the request cannot be forwarded: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }

  #forwardHttp1(tracker: PodTracker, headers = this.#http1Headers(), retry = true): void {
    const req = this.#req;
    const up = http.request({ host: tracker.target.ip, port: tracker.target.port, method: req.method, path: req.url, headers, agent: this.#agent });
    this.#upstream = up;
    up.on('response', (upRes) => this.#relay(upRes.statusCode ?? 502, upRes.headers, upRes));
    up.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive connection the pod closed just as it was reused: nothing reached the app, so a bodiless request goes again.
      if (retry && up.reusedSocket && err.code === 'ECONNRESET' && !this.ended && !this.#res.headersSent && hasNoBody(req)) {
        this.#forwardHttp1(tracker, headers, false);
        return;
      }
      this.#failed(tracker, err);
    });
    if (hasNoBody(req)) up.end();
    else (req as Readable).pipe(up);
  }

  #http1Headers(): http.OutgoingHttpHeaders {
    const headers = requestHeaders(this.#req.headers);
    const authority = requestAuthority(this.#req.headers);
    if (authority !== undefined) headers.host = authority;
    return headers;
  }

  #forwardH2c(tracker: PodTracker): void {
    const req = this.#req;
    const headers = requestHeaders(req.headers);
    headers[':method'] = req.method;
    headers[':path'] = req.url;
    headers[':authority'] = requestAuthority(req.headers) ?? tracker.address;
    const stream = this.#h2c.get(tracker.address, tracker.target).request(headers);
    this.#upstream = stream;
    stream.on('response', (h) => this.#relay(Number(h[':status']), h, stream));
    stream.on('error', (err) => this.#failed(tracker, err));
    (req as Readable).pipe(stream);
  }

  #relay(status: number, headers: http.IncomingHttpHeaders, body: Readable): void {
    if (this.ended) return;
    this.responseStarted();
    const res = this.#res;
    try {
      writeHead(res, status, responseHeaders(headers));
    } catch {
      // A header the client's protocol cannot carry: the pod's answer cannot be relayed.
      this.abortUpstream();
      sendText(res, 502, `revision ${this.entry.key} answered with headers that cannot be relayed`);
      return;
    }
    body.on('error', () => this.abortAll());
    body.pipe(res);
  }

  #failed(tracker: PodTracker, err: unknown): void {
    if (this.ended) return;
    const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    if (this.#res.headersSent) this.abortAll();
    else this.reject(502, `error reaching revision ${this.entry.key} at ${tracker.address}: ${reason}`);
  }

  protected reject(status: number, message: string): void {
    if (this.#res.headersSent) {
      this.abortAll();
      return;
    }
    sendText(this.#res, status, message);
    this.end(status);
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
    this.end(res.statusCode);
  }
}

/** A request that carries no body, so it can be sent again as is. */
function hasNoBody(req: ClientRequest): boolean {
  const h = req.headers;
  return h['transfer-encoding'] === undefined && (h['content-length'] === undefined || h['content-length'] === '0') && req.httpVersionMajor === 1;
}
