import type http from 'node:http';
import type { Registry } from 'prom-client';
import { noopLogger, type Logger } from '../logger.js';
import type { Readiness } from './readiness.js';

export interface ProbeHandlerOptions {
  /** Backs `/readyz`; without it `/readyz` answers like `/healthz`. */
  readonly readiness?: Readiness;
  /** Served on `/metrics` when given. */
  readonly registry?: Registry;
  readonly logger?: Logger;
}

/**
 * `/healthz` (liveness: the process answers), `/readyz` (readiness, 503 with
 * the reasons while not ready or draining) and `/metrics` (Prometheus text).
 * Returns false for other paths so a component can mount it on its own server.
 */
export function createProbeHandler(opts: ProbeHandlerOptions): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const log = opts.logger ?? noopLogger;
  return (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== '/healthz' && path !== '/readyz' && !(path === '/metrics' && opts.registry)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain', 'method not allowed\n', { allow: 'GET, HEAD' });
      return true;
    }
    if (path === '/healthz') {
      send(res, 200, 'text/plain', 'ok\n');
    } else if (path === '/readyz') {
      const problems = opts.readiness?.problems() ?? [];
      if (problems.length === 0) send(res, 200, 'text/plain', 'ok\n');
      else send(res, 503, 'text/plain', `${problems.join('\n')}\n`);
    } else if (opts.registry) {
      const registry = opts.registry;
      registry.metrics().then(
        (text) => send(res, 200, registry.contentType, text),
        (err: unknown) => {
          log.error({ err }, 'collecting metrics failed');
          send(res, 500, 'text/plain', 'collecting metrics failed\n');
        },
      );
    }
    return true;
  };
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
