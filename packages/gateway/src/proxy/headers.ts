// Request and response headers across the hop: hop-by-hop ones dropped, forwarding ones added, the route's set.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { CompiledSplit } from '../table/compile-ingress.js';

/** Headers that describe one connection, never forwarded (RFC 9110 7.6.1, as Go's reverse proxy lists them). */
const HOP_BY_HOP: ReadonlySet<string> = new Set(['connection', 'proxy-connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

const XFF = 'x-forwarded-for';
const XFP = 'x-forwarded-proto';

/** Names the Connection header lists as hop-by-hop for this message, lower-cased; undefined when none. */
function connectionTokens(value: string | string[] | undefined): Set<string> | undefined {
  if (!value) return undefined;
  const out = new Set<string>();
  for (const v of Array.isArray(value) ? value : [value]) for (const t of v.split(',')) if (t.trim()) out.add(t.trim().toLowerCase());
  return out;
}

export interface ForwardInput {
  /** The request's raw headers: alternating names and values (HTTP/2 pseudo-headers are skipped). */
  readonly rawHeaders: readonly string[];
  readonly headers: IncomingHttpHeaders;
  readonly split: CompiledSplit;
  readonly clientIp: string | undefined;
  /** Keep Upgrade and send `Connection: Upgrade` (websockets). */
  readonly upgrade: boolean;
}

/**
 * The headers to send upstream as alternating names and values, without Host
 * (the caller sets it): hop-by-hop ones dropped, the route's appendHeaders
 * replacing what the client sent under those names, X-Forwarded-For extended
 * and X-Forwarded-Proto set when absent. `te: trailers` survives, as gRPC needs it.
 */
export function forwardHeaders(input: ForwardInput): string[] {
  const { rawHeaders, split } = input;
  const tokens = connectionTokens(input.headers.connection);
  const out: string[] = [];
  let xff: string | undefined;
  let sawProto = false;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    if (name.charCodeAt(0) === 58 /* : */) continue;
    const lower = name.toLowerCase();
    if (lower === 'host') continue;
    if (HOP_BY_HOP.has(lower) || tokens?.has(lower)) continue;
    if (split.setNames.has(lower)) continue;
    if (lower === XFF) {
      xff = xff === undefined ? value : `${xff}, ${value}`;
      continue;
    }
    if (lower === XFP) sawProto = true;
    out.push(name, value);
  }
  for (const [name, value] of split.setHeaders) out.push(name, value);
  const ip = input.clientIp;
  if (ip) out.push('X-Forwarded-For', xff === undefined ? ip : `${xff}, ${ip}`);
  else if (xff !== undefined) out.push('X-Forwarded-For', xff);
  if (!sawProto) out.push('X-Forwarded-Proto', 'http');
  const te = input.headers.te;
  if (typeof te === 'string' && /(^|,)\s*trailers\s*(,|$)/i.test(te)) out.push('te', 'trailers');
  if (input.upgrade && typeof input.headers.upgrade === 'string') out.push('Connection', 'Upgrade', 'Upgrade', input.headers.upgrade);
  return out;
}

/** A response's headers with hop-by-hop and pseudo-headers removed; `headers` is the caller's own copy and is changed in place. */
export function responseHeaders(headers: IncomingHttpHeaders | OutgoingHttpHeaders): OutgoingHttpHeaders {
  const tokens = connectionTokens(headers.connection);
  for (const name of Object.keys(headers)) {
    if (HOP_BY_HOP.has(name) || name.charCodeAt(0) === 58 || tokens?.has(name)) delete headers[name];
  }
  return headers;
}

/** Alternating names and values as an HTTP/2 header object (names lower-cased, repeats joined as arrays). */
export function toHeaderObject(flat: readonly string[], into: OutgoingHttpHeaders): OutgoingHttpHeaders {
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = (flat[i] as string).toLowerCase();
    const value = flat[i + 1] as string;
    const prev = into[name];
    if (prev === undefined) into[name] = value;
    else if (name === 'cookie') into[name] = `${String(prev)}; ${value}`;
    else into[name] = Array.isArray(prev) ? [...prev, value] : [String(prev), value];
  }
  return into;
}
