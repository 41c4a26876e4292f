// @knot/gateway: start(deps) for the local platform and main.ts.
export * from './start.js';
export { GatewayError, type GatewayErrorCode } from './gateway-error.js';
export { DEFAULT_LIMITS, resolveLimits, type GatewayLimits } from './limits.js';
export { GatewayMetrics } from './metrics.js';
export { isKnotIngress } from './ingress/ingress-class.js';
export type { RouteTable } from './table/route-table.js';
