import type http from 'node:http';
import type { Clock } from '@knot/runtime';
import type { GatewayLimits } from '../limits.js';
import type { GatewayMetrics } from '../metrics.js';
import type { Listener } from '../table/compile-ingress.js';
import type { RouteTable } from '../table/route-table.js';
import type { H2cSessions } from './h2c-sessions.js';

/** What one listener's request path needs, built once at start. */
export interface ProxyEnv {
  readonly listener: Listener;
  /** The current routing table; read once per request. */
  readonly table: () => RouteTable;
  /** A draw in [0, 1) per weighted request. */
  readonly random: () => number;
  readonly limits: GatewayLimits;
  readonly metrics: GatewayMetrics;
  readonly clock: Clock;
  /** Keep-alive connections to HTTP/1 backends. */
  readonly agent: http.Agent;
  readonly sessions: H2cSessions;
}
