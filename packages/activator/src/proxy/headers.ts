// Headers on the way through: hop-by-hop ones stay behind (and HTTP/2 forbids
// them), HTTP/2 pseudo-headers become the HTTP/1 request line and Host, and
// every proxied request says it came from the activator.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { PROXY_HEADER_LOWER, PROXY_HEADER_VALUE_ACTIVATOR } from '@knot/api';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'http2-settings', 'host']);

/** The request headers to send to a pod; `upgrade` keeps Connection and Upgrade for a websocket handshake. */
export function requestHeaders(incoming: IncomingHttpHeaders, upgrade = false): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name in incoming) {
    if (name.charCodeAt(0) === 58 /* ':' */ || HOP_BY_HOP.has(name)) continue;
    out[name] = incoming[name];
  }
  if (upgrade) {
    out.connection = 'Upgrade';
    out.upgrade = incoming.upgrade;
  }
  out[PROXY_HEADER_LOWER] = PROXY_HEADER_VALUE_ACTIVATOR;
  return out;
}

/** The Host the client asked for: Host over HTTP/1, :authority over HTTP/2. */
export function requestAuthority(incoming: IncomingHttpHeaders): string | undefined {
  return incoming.host ?? (incoming[':authority'] as string | undefined);
}

/** The response headers to pass back to the client. */
export function responseHeaders(incoming: IncomingHttpHeaders | Record<string, unknown>): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name in incoming) {
    if (name.charCodeAt(0) === 58 || HOP_BY_HOP.has(name)) continue;
    out[name] = incoming[name] as OutgoingHttpHeaders[string];
  }
  return out;
}
