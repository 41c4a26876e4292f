import type http from 'node:http';
import type http2 from 'node:http2';

/** The writeHead both node:http's and node:http2's compatibility responses have. */
export function writeHead(res: http.ServerResponse | http2.Http2ServerResponse, status: number, headers: http.OutgoingHttpHeaders): void {
  (res as http.ServerResponse).writeHead(status, headers);
}

/** Answers with a plain-text body naming the problem; the connection stays usable. */
export function sendText(res: http.ServerResponse | http2.Http2ServerResponse, status: number, message: string): void {
  const body = `${message}\n`;
  writeHead(res, status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}
