// The request path of one listener: limits, routing, then the forwarder for the backend's protocol.
import { forwardH2c } from './forward-h2c.js';
import { forwardHttp1 } from './forward-http1.js';
import type { ProxyEnv } from './proxy-env.js';
import { sendText, type InboundRequest, type InboundResponse } from './respond.js';
import { routeRequest } from './route-request.js';

export function createRequestHandler(env: ProxyEnv): (req: InboundRequest, res: InboundResponse) => void {
  const { maxHeaderBytes, maxBodyBytes } = env.limits;
  const refuse = (req: InboundRequest, res: InboundResponse, status: number, message: string, reason: Parameters<ProxyEnv['metrics']['failure']>[1], location?: string): void => {
    env.metrics.failure(env.listener, reason);
    env.metrics.request(env.listener, status);
    sendText(res, status, message, !req.complete, location ? { location } : undefined);
  };

  return (req, res) => {
    // node:http enforces the head limit while parsing HTTP/1; HTTP/2 headers are measured here.
    if (req.httpVersionMajor === 2 && headerBytes(req.rawHeaders) > maxHeaderBytes) {
      refuse(req, res, 431, `request headers too large (limit ${maxHeaderBytes} bytes)`, 'headers_too_large');
      return;
    }
    const routed = routeRequest(env, req.headers, req.url ?? '/');
    if (routed.kind === 'refuse') {
      refuse(req, res, routed.status, routed.message, routed.reason, routed.location);
      return;
    }
    if (maxBodyBytes > 0 && !limitBody(req, res, maxBodyBytes, () => refuse(req, res, 413, `request body too large (limit ${maxBodyBytes} bytes)`, 'body_too_large'))) return;
    if (routed.target.h2c) forwardH2c(env, req, res, routed);
    else forwardHttp1(env, req, res, routed);
  };
}

function headerBytes(raw: readonly string[]): number {
  let n = 0;
  for (const s of raw) n += s.length + 2;
  return n;
}

/**
 * Refuses a body over `max`: at once when Content-Length says so, else when the
 * streamed bytes pass it (the backend request is then torn down by the 413).
 * Returns false when the request was refused already.
 */
function limitBody(req: InboundRequest, res: InboundResponse, max: number, tooLarge: () => void): boolean {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > max) {
    tooLarge();
    return false;
  }
  let seen = 0;
  const count = (chunk: Buffer): void => {
    seen += chunk.length;
    if (seen <= max) return;
    req.off('data', count);
    req.unpipe();
    tooLarge();
  };
  req.on('data', count);
  return true;
}
