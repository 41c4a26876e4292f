// The gateway's settings from its container environment; every error names the variable.
import { GATEWAY_ADMIN_PORT, GATEWAY_HTTP_PORT, GATEWAY_INTERNAL_HTTP_PORT, KNOT_INGRESS_CLASS } from '@knot/api';
import { envInt, envPort, envString, requireSystemNamespace, type Env } from '@knot/runtime';
import { DEFAULT_LIMITS, type GatewayLimits } from './limits.js';
import type { GatewayPorts } from './start.js';

export interface GatewayEnv {
  readonly systemNamespace: string;
  readonly podName: string;
  readonly clusterDomain: string;
  readonly ingressClass: string;
  readonly ports: GatewayPorts;
  readonly limits: GatewayLimits;
  readonly drainTimeoutMs: number;
  readonly workers: number;
}

const DAY_MS = 86_400_000;

export function parseGatewayEnv(env: Env): GatewayEnv {
  return {
    systemNamespace: requireSystemNamespace(env),
    podName: envString(env, 'POD_NAME', 'knot-gateway'),
    clusterDomain: envString(env, 'CLUSTER_DOMAIN', 'cluster.local'),
    ingressClass: envString(env, 'INGRESS_CLASS', KNOT_INGRESS_CLASS),
    ports: {
      external: envPort(env, 'HTTP_PORT', GATEWAY_HTTP_PORT),
      internal: envPort(env, 'INTERNAL_HTTP_PORT', GATEWAY_INTERNAL_HTTP_PORT),
      admin: envPort(env, 'ADMIN_PORT', GATEWAY_ADMIN_PORT),
    },
    limits: {
      maxHeaderBytes: envInt(env, 'MAX_HEADER_BYTES', DEFAULT_LIMITS.maxHeaderBytes, 1024, 16 * 1024 * 1024),
      maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes, 0, Number.MAX_SAFE_INTEGER),
      headersTimeoutMs: envInt(env, 'HEADERS_TIMEOUT_MS', DEFAULT_LIMITS.headersTimeoutMs, 1, 3_600_000),
      keepAliveTimeoutMs: envInt(env, 'KEEP_ALIVE_TIMEOUT_MS', DEFAULT_LIMITS.keepAliveTimeoutMs, 1, 3_600_000),
      connectTimeoutMs: envInt(env, 'CONNECT_TIMEOUT_MS', DEFAULT_LIMITS.connectTimeoutMs, 1, 600_000),
      idleTimeoutMs: envInt(env, 'IDLE_TIMEOUT_MS', DEFAULT_LIMITS.idleTimeoutMs, 0, DAY_MS),
    },
    drainTimeoutMs: envInt(env, 'DRAIN_TIMEOUT_MS', 30_000, 0, 3_600_000),
    workers: envInt(env, 'WORKERS', 2, 1, 64),
  };
}
