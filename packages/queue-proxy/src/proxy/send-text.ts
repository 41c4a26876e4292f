// Answers of queue-proxy's own: plain text naming the problem.
import type http from 'node:http';
import type http2 from 'node:http2';
import type { Duplex } from 'node:stream';

export type AnyResponse = http.ServerResponse | http2.Http2ServerResponse;

/** A plain-text answer; the connection stays usable. */
export function sendText(res: AnyResponse, status: number, message: string, headers?: http.OutgoingHttpHeaders): void {
  const body = `${message}\n`;
  (res as http.ServerResponse).writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** An error answer on a raw socket no response object owns (bad requests, refused upgrades), then close it. */
export function writeRawError(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${message}\n`;
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

/** The path of a request target, without the query. */
export function pathOf(url: string | undefined): string {
  if (url === undefined) return '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}
