// The serving port's handler. Health checks (kubelet's, the activator's and
// the autoscaler's) and `K-Network-Probe` requests are answered here from the
// probe state and the drain, never reaching the app nor the stats; everything
// else becomes an exchange with the app.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import {
  ACTIVATOR_USER_AGENT,
  AUTOSCALING_USER_AGENT,
  HASH_HEADER,
  HASH_HEADER_LOWER,
  KUBE_PROBE_USER_AGENT_PREFIX,
  KUBELET_PROBE_HEADER_LOWER,
  PROBE_HEADER,
  PROBE_HEADER_LOWER,
  PROBE_HEADER_VALUE,
  PROBE_HEADER_VALUE_QUEUE,
  PROXY_HEADER_LOWER,
  PROXY_HEADER_VALUE_ACTIVATOR,
} from '@knot/api';
import type { Drainer } from '../drain/drainer.js';
import type { ProbeRunner } from '../probe/probe-runner.js';
import type { ExchangeContext } from './exchange.js';
import { HttpExchange, type AnyRequest } from './http-exchange.js';
import { sendText, type AnyResponse } from './send-text.js';
import { UpgradeExchange } from './upgrade-exchange.js';

export interface ServingHandlerOptions {
  readonly ctx: ExchangeContext;
  readonly drainer: Drainer;
  readonly probe: ProbeRunner;
}

export interface ServingHandler {
  readonly request: (req: AnyRequest, res: AnyResponse) => void;
  readonly upgrade: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
}

const QUEUE_BODY = Buffer.from(PROBE_HEADER_VALUE_QUEUE);

export function createServingHandler(opts: ServingHandlerOptions): ServingHandler {
  const { ctx, drainer, probe } = opts;

  /** True when queue-proxy answered the request itself. */
  function answeredProbe(h: http.IncomingHttpHeaders, res: AnyResponse): boolean {
    const value = h[PROBE_HEADER_LOWER];
    if (value === PROBE_HEADER_VALUE_QUEUE || isHealthCheck(h)) {
      if (drainer.draining) sendText(res, 503, 'shutting down');
      else if (value !== PROBE_HEADER_VALUE_QUEUE) sendText(res, 400, `unexpected probe header value: ${String(value ?? '')} (health checks must send ${PROBE_HEADER}: ${PROBE_HEADER_VALUE_QUEUE})`);
      else void probe.check().then((ready) => answerHealth(res, ready));
      return true;
    }
    if (value !== PROBE_HEADER_VALUE) return false;
    // An ingress probe of the network path: echo its hash.
    const hash = h[HASH_HEADER_LOWER];
    if (drainer.draining) sendText(res, 503, 'shutting down');
    else if (typeof hash !== 'string' || hash === '') sendText(res, 400, `a probe request must contain a non-empty ${HASH_HEADER} header`);
    else sendText(res, 200, '', { [HASH_HEADER_LOWER]: hash });
    return true;
  }

  function answerHealth(res: AnyResponse, ready: boolean): void {
    if (res.headersSent || res.destroyed) return;
    // Draining may have started while the probe ran.
    if (ready && !drainer.draining) {
      (res as http.ServerResponse).writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': QUEUE_BODY.length, 'cache-control': 'no-store' });
      res.end(QUEUE_BODY);
    } else sendText(res, 503, drainer.draining ? 'shutting down' : 'the app is not ready');
  }

  return {
    request: (req, res) => {
      const h = req.headers;
      if (answeredProbe(h, res)) return;
      drainer.touch();
      new HttpExchange(ctx, req, res, h[PROXY_HEADER_LOWER] === PROXY_HEADER_VALUE_ACTIVATOR).begin();
    },
    upgrade: (req, socket, head) => {
      drainer.touch();
      new UpgradeExchange(ctx, req, socket, head, req.headers[PROXY_HEADER_LOWER] === PROXY_HEADER_VALUE_ACTIVATOR).begin();
    },
  };
}

/** Kubelet's probes, and the activator's and autoscaler's health checks, known by header or User-Agent. */
function isHealthCheck(h: http.IncomingHttpHeaders): boolean {
  if (h[KUBELET_PROBE_HEADER_LOWER] !== undefined) return true;
  const ua = h['user-agent'];
  return ua !== undefined && (ua.startsWith(KUBE_PROBE_USER_AGENT_PREFIX) || ua.startsWith(ACTIVATOR_USER_AGENT) || ua.startsWith(AUTOSCALING_USER_AGENT));
}
