// Answers the gateway gives itself (no route, no endpoints, limits), for HTTP/1 and HTTP/2 alike.
import type http from 'node:http';
import type { OutgoingHttpHeaders } from 'node:http';
import type http2 from 'node:http2';

export type InboundRequest = http.IncomingMessage | http2.Http2ServerRequest;
export type InboundResponse = http.ServerResponse | http2.Http2ServerResponse;

/** A plain-text answer; closes an HTTP/1 connection whose request body was not read. */
export function sendText(res: InboundResponse, status: number, message: string, close = false, extra?: Readonly<Record<string, string>>): void {
  if (res.headersSent) {
    abort(res);
    return;
  }
  const body = `${message}\n`;
  const headers: Record<string, string | number> = { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), ...extra };
  if (close && res.req.httpVersionMajor < 2) headers.connection = 'close';
  writeHead(res, status, headers);
  res.end(body);
}

/** writeHead for either protocol's response. */
export function writeHead(res: InboundResponse, status: number, headers: OutgoingHttpHeaders): void {
  if ('stream' in res) res.writeHead(status, headers);
  else res.writeHead(status, headers);
}

/** Breaks off a response already under way, so the client sees it incomplete rather than truncated. */
export function abort(res: InboundResponse): void {
  if ('stream' in res) res.stream.close(2 /* INTERNAL_ERROR */);
  else res.destroy();
}
