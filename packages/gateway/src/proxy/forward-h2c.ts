// Proxies one request to an h2c backend (HTTP/2 with prior knowledge) over a shared session; trailers pass through.
import type { OutgoingHttpHeaders } from 'node:http';
import http2 from 'node:http2';
import { forwardHeaders, responseHeaders, toHeaderObject } from './headers.js';
import type { ProxyEnv } from './proxy-env.js';
import { writeHead, type InboundRequest, type InboundResponse } from './respond.js';
import { answerUpstreamError, type Routed } from './route-request.js';

const { HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH, HTTP2_HEADER_AUTHORITY, HTTP2_HEADER_SCHEME, HTTP2_HEADER_STATUS } = http2.constants;

export function forwardH2c(env: ProxyEnv, req: InboundRequest, res: InboundResponse, routed: Routed): void {
  const { target } = routed;
  const flat = forwardHeaders({ rawHeaders: req.rawHeaders, headers: req.headers, split: routed.split, clientIp: req.socket.remoteAddress, upgrade: false });
  const headers = toHeaderObject(flat, {
    [HTTP2_HEADER_METHOD]: req.method,
    [HTTP2_HEADER_PATH]: req.url,
    [HTTP2_HEADER_AUTHORITY]: routed.authority,
    [HTTP2_HEADER_SCHEME]: 'http',
  });
  let stream: http2.ClientHttp2Stream;
  try {
    stream = env.sessions.get(target).request(headers);
  } catch (err) {
    answerUpstreamError(env, req, res, target, err as Error);
    return;
  }
  let trailers: OutgoingHttpHeaders | undefined;
  stream.on('response', (h) => {
    // The gateway answered already (a body over the limit).
    if (res.headersSent) {
      stream.close(http2.constants.NGHTTP2_CANCEL);
      return;
    }
    const status = Number(h[HTTP2_HEADER_STATUS] ?? 502);
    env.metrics.request(env.listener, status);
    writeHead(res, status, responseHeaders({ ...h }));
    stream.pipe(res as NodeJS.WritableStream);
  });
  stream.on('trailers', (t: http2.IncomingHttpHeaders) => {
    trailers = responseHeaders({ ...t });
  });
  stream.on('end', () => {
    if (trailers) res.addTrailers(trailers);
  });
  stream.on('error', (err: Error) => answerUpstreamError(env, req, res, target, err));
  res.on('close', () => {
    if (!res.writableFinished && !stream.destroyed) stream.close(http2.constants.NGHTTP2_CANCEL);
  });
  req.pipe(stream);
}
