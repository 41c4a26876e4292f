import type http from 'node:http';
import { HttpError } from './http-error.js';

/** The API server sends at most ~3 MiB (etcd's object limit plus the review around it). */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

// An oversized body is read and dropped up to this many times the limit, so the client
// sees the 413; past that the connection is cut.
const DRAIN_FACTOR = 4;

/** Whether a Content-Type header names JSON (`application/json`, any parameters). */
export function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The request body parsed as JSON. Rejects with UnsupportedMediaType (415) for another
 * content type, PayloadTooLarge (413) past `maxBytes`, MalformedJson (400) for bytes that
 * are not JSON.
 */
export function readJsonBody(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const contentType = req.headers['content-type'];
    let failure: HttpError | undefined;
    if (!isJsonContentType(contentType)) {
      failure = new HttpError('UnsupportedMediaType', `content type must be application/json, got ${JSON.stringify(contentType ?? '')}`);
    } else if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      failure = tooLarge(maxBytes);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes * DRAIN_FACTOR) {
        req.destroy();
        return;
      }
      if (failure) return;
      if (received > maxBytes) {
        failure = tooLarge(maxBytes);
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (failure) {
        reject(failure);
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(new HttpError('MalformedJson', `body is not JSON: ${err instanceof Error ? err.message : String(err)}`));
      }
    });
  });
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError('PayloadTooLarge', `body exceeds ${maxBytes} bytes`);
}
