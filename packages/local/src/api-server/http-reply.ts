import type http from 'node:http';
import { statusOf } from './status-error.js';

export function sendJson(res: http.ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-cache, private', 'content-length': Buffer.byteLength(text) });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** Answers with the Status for `err`; returns its HTTP status. */
export function sendError(res: http.ServerResponse, err: unknown): number {
  const { httpStatus, body } = statusOf(err);
  sendJson(res, httpStatus, body);
  return httpStatus;
}
