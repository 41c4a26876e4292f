// From a request's host, path and headers to the backend that serves it, or the answer the gateway gives instead.
import type { IncomingHttpHeaders } from 'node:http';
import type { Target } from '../backends/backend-pool.js';
import type { FailureReason } from '../metrics.js';
import type { CompiledPath, CompiledSplit } from '../table/compile-ingress.js';
import { normalizeHost } from '../table/host.js';
import { matchPath, pickSplit } from '../table/route-table.js';
import type { ProxyEnv } from './proxy-env.js';
import { abort, sendText, type InboundRequest, type InboundResponse } from './respond.js';

export interface Routed {
  readonly kind: 'proxy';
  readonly path: CompiledPath;
  readonly split: CompiledSplit;
  readonly target: Target;
  /** The Host (or :authority) to send: rewriteHost, else the client's. */
  readonly authority: string;
}

export interface Refused {
  readonly kind: 'refuse';
  readonly status: number;
  readonly message: string;
  readonly reason: FailureReason;
  readonly location?: string;
}

/** The client's Host header, or :authority over HTTP/2. */
export function authorityOf(headers: IncomingHttpHeaders): string | undefined {
  const authority = headers[':authority'];
  return typeof authority === 'string' && authority !== '' ? authority : headers.host;
}

export function routeRequest(env: ProxyEnv, headers: IncomingHttpHeaders, url: string): Routed | Refused {
  const raw = authorityOf(headers);
  const host = normalizeHost(raw);
  if (!host) return refuse(400, 'the request names no host (Host header or :authority)', 'bad_request');
  const rule = env.table().rule(env.listener, host);
  if (!rule) return refuse(404, `no route for host ${JSON.stringify(host)}`, 'no_route');
  const path = matchPath(rule, url, headers);
  if (!path) return refuse(404, `no path of host ${JSON.stringify(host)} matches the request`, 'no_route');
  if (path.redirect) return { kind: 'refuse', status: 301, message: 'redirecting to https', reason: 'redirect', location: `https://${raw ?? host}${url}` };
  const split = pickSplit(path, env.random());
  const target = split.pool.pick();
  if (!target) return refuse(503, split.pool.problem, 'no_endpoints');
  return { kind: 'proxy', path, split, target, authority: path.rewriteHost ?? raw ?? host };
}

function refuse(status: number, message: string, reason: FailureReason): Refused {
  return { kind: 'refuse', status, message, reason };
}

/** 503 for a backend that could not be reached, 502 for one that failed after; the message names the backend. */
export function upstreamFailure(target: Target, err: Error & { code?: string }): { status: number; message: string; reason: FailureReason } {
  const where = `${target.host}:${target.port}`;
  // A failed HTTP/2 session cancels its streams; the session's own error says why.
  const cause = err.cause instanceof Error ? (err.cause as Error & { code?: string }).code : undefined;
  const code = cause ?? err.code ?? err.message;
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ConnectTimeout') {
    return { status: 503, message: `cannot connect to backend ${where}: ${code}`, reason: 'connect' };
  }
  if (code === 'IdleTimeout') return { status: 504, message: `backend ${where} did not respond in time`, reason: 'timeout' };
  return { status: 502, message: `backend ${where} failed: ${code}`, reason: 'upstream' };
}

/** Answers a failed backend request: breaks off a response under way, else a 502/503/504 naming the backend. */
export function answerUpstreamError(env: ProxyEnv, req: InboundRequest, res: InboundResponse, target: Target, err: Error): void {
  if (res.headersSent) {
    abort(res);
    return;
  }
  const failure = upstreamFailure(target, err);
  env.metrics.failure(env.listener, failure.reason);
  env.metrics.request(env.listener, failure.status);
  sendText(res, failure.status, failure.message, !req.complete);
}
