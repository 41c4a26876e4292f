// SERVING_READINESS_PROBE: the user's readiness probe(s), rewritten for queue-proxy to run against 127.0.0.1,
// encoded as Knative's readiness.EncodeSingleProbe / EncodeMultipleProbes do and decoded by queue-proxy.
import type { Probe } from 'kubernetes-types/core/v1.js';

export interface QueueProxyHTTPGet {
  readonly path?: string;
  readonly port: number;
  readonly host?: string;
  readonly scheme?: 'HTTP' | 'HTTPS';
  readonly httpHeaders?: readonly { readonly name: string; readonly value: string }[];
}

/** A probe queue-proxy can run itself: exactly one of httpGet, tcpSocket or grpc, with a numeric port. */
export interface QueueProxyProbe {
  readonly httpGet?: QueueProxyHTTPGet;
  readonly tcpSocket?: { readonly port: number; readonly host?: string };
  readonly grpc?: { readonly port: number; readonly service?: string };
  readonly initialDelaySeconds?: number;
  readonly timeoutSeconds?: number;
  readonly periodSeconds?: number;
  readonly successThreshold?: number;
  readonly failureThreshold?: number;
}

const TIMINGS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

/**
 * The env value for `probes`: one probe as a JSON object, or (with multi-container
 * probing) a JSON array. Keys come in Go's field order and zero values are
 * omitted, so the text equals what Knative writes for the same probe.
 */
export function encodeReadinessProbes(probes: readonly Probe[], multiple: boolean): string {
  if (!multiple) return probes[0] ? JSON.stringify(ordered(probes[0])) : '';
  return probes.length > 0 ? JSON.stringify(probes.map(ordered)) : '';
}

function ordered(p: Probe): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p.exec) out.exec = p.exec;
  if (p.httpGet) {
    const h = p.httpGet;
    out.httpGet = omitEmpty({ path: h.path, port: h.port, host: h.host, scheme: h.scheme, httpHeaders: h.httpHeaders?.length ? h.httpHeaders : undefined });
  }
  if (p.tcpSocket) out.tcpSocket = omitEmpty({ port: p.tcpSocket.port, host: p.tcpSocket.host });
  if (p.grpc) out.grpc = omitEmpty({ port: p.grpc.port, service: p.grpc.service });
  for (const k of TIMINGS) if (p[k]) out[k] = p[k];
  if (p.terminationGracePeriodSeconds) out.terminationGracePeriodSeconds = p.terminationGracePeriodSeconds;
  return out;
}

function omitEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && (k === 'port' || v !== '')));
}

/** The probes in the env value, or a problem in words; an empty value means none. */
export function decodeReadinessProbes(text: string, multiple: boolean): { value: QueueProxyProbe[] } | { problem: string } {
  if (text === '') return { value: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: 'must be a JSON probe' };
  }
  if (multiple !== Array.isArray(raw)) return { problem: multiple ? 'must be a JSON array of probes (multi-container probing is on)' : 'must be one JSON probe object' };
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  const out: QueueProxyProbe[] = [];
  for (const [i, item] of list.entries()) {
    const parsed = probe(item);
    if ('problem' in parsed) return { problem: multiple ? `[${i}]: ${parsed.problem}` : parsed.problem };
    out.push(parsed.value);
  }
  return { value: out };
}

type Result<T> = { value: T } | { problem: string };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function probe(v: unknown): Result<QueueProxyProbe> {
  if (!isRecord(v)) return { problem: 'a probe must be an object' };
  const handlers = (['httpGet', 'tcpSocket', 'grpc', 'exec'] as const).filter((h) => v[h] !== undefined && v[h] !== null);
  if (handlers.length !== 1) return { problem: `a probe needs exactly one of httpGet, tcpSocket or grpc, got ${handlers.length === 0 ? 'none' : handlers.join(', ')}` };
  const out: Mutable<QueueProxyProbe> = {};
  for (const k of TIMINGS) {
    const n = v[k];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return { problem: `${k} must be a non-negative integer` };
    out[k] = n;
  }
  const kind = handlers[0] ?? 'exec';
  const handler = v[kind];
  if (kind === 'exec') return { problem: 'exec probes run in the container, not in queue-proxy' };
  if (!isRecord(handler)) return { problem: `${kind} must be an object` };
  const port = handler.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return { problem: `${kind}.port must be a port number from 1 to 65535` };
  const text = (key: string): Result<string | undefined> => {
    const s = handler[key];
    return s === undefined || typeof s === 'string' ? { value: s } : { problem: `${kind}.${key} must be a string` };
  };
  if (kind === 'httpGet') {
    const path = text('path');
    const host = text('host');
    const scheme = handler.scheme === 'HTTP' || handler.scheme === 'HTTPS' ? handler.scheme : undefined;
    const headers = httpHeaders(handler.httpHeaders);
    if ('problem' in path) return path;
    if ('problem' in host) return host;
    if (handler.scheme !== undefined && scheme === undefined) return { problem: 'httpGet.scheme must be HTTP or HTTPS' };
    if ('problem' in headers) return headers;
    out.httpGet = { ...(path.value !== undefined ? { path: path.value } : {}), port, ...(host.value !== undefined ? { host: host.value } : {}), ...(scheme ? { scheme } : {}), ...(headers.value.length ? { httpHeaders: headers.value } : {}) };
  } else if (kind === 'tcpSocket') {
    const host = text('host');
    if ('problem' in host) return host;
    out.tcpSocket = { port, ...(host.value !== undefined ? { host: host.value } : {}) };
  } else {
    const service = text('service');
    if ('problem' in service) return service;
    out.grpc = { port, ...(service.value !== undefined ? { service: service.value } : {}) };
  }
  return { value: out };
}

function httpHeaders(v: unknown): Result<{ name: string; value: string }[]> {
  if (v === undefined || v === null) return { value: [] };
  if (!Array.isArray(v)) return { problem: 'httpGet.httpHeaders must be a list' };
  const out: { name: string; value: string }[] = [];
  for (const h of v) {
    if (!isRecord(h) || typeof h.name !== 'string' || (h.value !== undefined && typeof h.value !== 'string')) return { problem: 'httpGet.httpHeaders entries need a string name and value' };
    out.push({ name: h.name, value: typeof h.value === 'string' ? h.value : '' });
  }
  return { value: out };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
