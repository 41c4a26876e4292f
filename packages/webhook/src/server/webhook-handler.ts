import type http from 'node:http';
import { noopLogger, type Logger } from '@knot/runtime';
import { HttpError } from './http-error.js';
import { readJsonBody } from './read-body.js';

/** Answers one parsed review body with the response body; throws HttpError for a body it cannot answer. */
export type ReviewHandler = (body: unknown) => unknown;

export interface WebhookHandlerOptions {
  /** POST paths and their handlers, e.g. `/defaulting`. */
  readonly routes: Readonly<Record<string, ReviewHandler>>;
  /** Answers the probe paths; returns false for others. */
  readonly probes?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  readonly maxBodyBytes: number;
  readonly logger?: Logger;
}

/**
 * The request listener of the webhook server: probes, then one POST route per review kind.
 * Bad input gets a 4xx with a message naming the problem; only a bug can give a 500.
 */
export function createWebhookHandler(opts: WebhookHandlerOptions): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const log = opts.logger ?? noopLogger;
  const routes = new Map(Object.entries(opts.routes));
  return (req, res) => {
    if (opts.probes?.(req, res)) return;
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const route = routes.get(path);
    if (!route) {
      drainAndFail(req, res, new HttpError('NotFound', `no webhook at ${path}`));
      return;
    }
    if (req.method !== 'POST') {
      drainAndFail(req, res, new HttpError('MethodNotAllowed', `${path} accepts POST only, got ${req.method ?? ''}`), { allow: 'POST' });
      return;
    }
    readJsonBody(req, opts.maxBodyBytes)
      .then((body) => sendJson(res, 200, route(body)))
      .catch((err: unknown) => {
        if (err instanceof HttpError) {
          log.debug({ path, code: err.code }, err.message);
          sendError(res, err);
        } else {
          log.error({ err, path }, 'webhook handler failed');
          sendJson(res, 500, statusBody(500, 'InternalError', 'internal error'));
        }
      });
  };
}

function drainAndFail(req: http.IncomingMessage, res: http.ServerResponse, err: HttpError, headers: Record<string, string> = {}): void {
  req.resume();
  sendError(res, err, headers);
}

function sendError(res: http.ServerResponse, err: HttpError, headers: Record<string, string> = {}): void {
  // After a refused body the rest of the stream is not worth keeping the connection for.
  const close: Record<string, string> = err.code === 'PayloadTooLarge' ? { connection: 'close' } : {};
  sendJson(res, err.status, statusBody(err.status, err.code, err.message), { ...close, ...headers });
}

/** A Kubernetes Status body, so clients that decode errors as Status get the message. */
function statusBody(code: number, reason: string, message: string): unknown {
  return { apiVersion: 'v1', kind: 'Status', status: 'Failure', message, reason, code };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
