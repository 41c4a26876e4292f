// Headers on the way to the user container and back. Hop-by-hop headers stay
// behind (HTTP/2 forbids them), the activator's revision headers are pruned,
// K-Original-Host becomes the Host, and a Forwarded header is derived from
// X-Forwarded-* when there is none (Knative's forwarded shim). Everything else,
// trace context included, passes untouched.
import type http from 'node:http';
import { ORIGINAL_HOST_HEADER_LOWER, REVISION_HEADER_NAME_LOWER, REVISION_HEADER_NAMESPACE_LOWER } from '@knot/api';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'http2-settings']);
/** Dropped from requests only: replaced (host) or meant for queue-proxy (the activator's revision headers). */
const REQUEST_ONLY = new Set(['host', ORIGINAL_HOST_HEADER_LOWER, REVISION_HEADER_NAME_LOWER, REVISION_HEADER_NAMESPACE_LOWER]);

const skipRequest = (lower: string) => HOP_BY_HOP.has(lower) || REQUEST_ONLY.has(lower);

/** The Host the app should see: K-Original-Host when set, else the client's Host or :authority. */
export function targetHost(h: http.IncomingHttpHeaders): string | undefined {
  const original = h[ORIGINAL_HOST_HEADER_LOWER];
  if (typeof original === 'string' && original !== '') return original;
  return h.host ?? (h[':authority'] as string | undefined);
}

/** HTTP/1.1 request headers for the app, as a flat name/value list keeping the client's order and case. */
export function http1RequestHeaders(req: http.IncomingMessage, upgrade: boolean): string[] {
  const raw = req.rawHeaders;
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (!skipRequest(name.toLowerCase())) out.push(name, raw[i + 1]!);
  }
  const h = req.headers;
  const host = targetHost(h);
  if (host !== undefined) out.push('Host', host);
  const forwarded = forwardedFor(h);
  if (forwarded !== undefined) out.push('Forwarded', forwarded);
  if (upgrade) out.push('Connection', 'Upgrade', 'Upgrade', String(h.upgrade));
  return out;
}

/** HTTP/2 request headers for the app over h2c: the client's, with the pseudo-headers set anew. */
export function h2RequestHeaders(h: http.IncomingHttpHeaders, method: string, path: string): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = { ':method': method, ':path': path, ':scheme': 'http' };
  for (const name in h) {
    if (name.charCodeAt(0) === 58 /* ':' */ || skipRequest(name)) continue;
    out[name] = h[name];
  }
  const host = targetHost(h);
  if (host !== undefined) out[':authority'] = host;
  if (h.te === 'trailers') out.te = 'trailers';
  const forwarded = forwardedFor(h);
  if (forwarded !== undefined) out.forwarded = forwarded;
  return out;
}

/** The app's HTTP/1.1 response headers for the client, flat, without hop-by-hop ones. */
export function http1ResponseHeaders(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, raw[i + 1]!);
  }
  return out;
}

/** HTTP/2 response headers or trailers for the client, without pseudo and connection-specific ones. */
export function h2ResponseHeaders(h: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const name in h) {
    if (name.charCodeAt(0) === 58 || HOP_BY_HOP.has(name)) continue;
    out[name] = h[name];
  }
  return out;
}

/** RFC 7239 Forwarded from X-Forwarded-For/-Host/-Proto, or undefined when a Forwarded exists or there is nothing to derive. */
export function forwardedFor(h: http.IncomingHttpHeaders): string | undefined {
  if (h.forwarded !== undefined) return undefined;
  const xff = h['x-forwarded-for'];
  const xfh = h['x-forwarded-host'];
  const xfp = h['x-forwarded-proto'];
  if (xff === undefined && xfh === undefined && xfp === undefined) return undefined;
  const nodes = (typeof xff === 'string' ? xff : '').split(',').map((n) => n.trim());
  const first = nodes[0] ?? '';
  const parts: string[] = [];
  if (first !== '') parts.push(`for=${node(first)}`);
  if (typeof xfh === 'string' && xfh !== '') parts.push(`host=${xfh}`);
  if (typeof xfp === 'string' && xfp !== '') parts.push(`proto=${xfp}`);
  let out = parts.join(';');
  for (const n of nodes.slice(1)) out += `, for=${node(n)}`;
  return out === '' ? undefined : out;
}

/** IPv6 nodes are quoted and bracketed. */
const node = (n: string) => (n.includes(':') ? `"[${n}]"` : n);
