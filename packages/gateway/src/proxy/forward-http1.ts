// Proxies one request to an HTTP/1.1 backend over a keep-alive agent, streaming both ways.
import http from 'node:http';
import type { InboundRequest, InboundResponse } from './respond.js';
import { abort, writeHead } from './respond.js';
import { forwardHeaders, responseHeaders } from './headers.js';
import type { ProxyEnv } from './proxy-env.js';
import { answerUpstreamError, type Routed } from './route-request.js';
import { watchConnect } from './timeouts.js';

export function forwardHttp1(env: ProxyEnv, req: InboundRequest, res: InboundResponse, routed: Routed): void {
  const { target } = routed;
  const headers = forwardHeaders({ rawHeaders: req.rawHeaders, headers: req.headers, split: routed.split, clientIp: req.socket.remoteAddress, upgrade: false });
  headers.push('Host', routed.authority);
  const up = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers, agent: env.agent, setHost: false });
  watchConnect(env, up);
  up.on('response', (ur) => {
    // The gateway answered already (a body over the limit).
    if (res.headersSent) {
      ur.destroy();
      return;
    }
    const status = ur.statusCode ?? 502;
    env.metrics.request(env.listener, status);
    writeHead(res, status, responseHeaders({ ...ur.headers }));
    ur.on('end', () => {
      if (ur.rawTrailers.length > 0) res.addTrailers(responseHeaders({ ...ur.trailers }));
    });
    ur.on('error', () => abort(res));
    ur.pipe(res as NodeJS.WritableStream);
  });
  up.on('error', (err: Error) => answerUpstreamError(env, req, res, target, err));
  res.on('close', () => {
    if (!res.writableFinished) up.destroy();
  });
  req.pipe(up);
}
