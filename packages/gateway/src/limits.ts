// The gateway's request limits and timeouts, validated once where they enter.
import { GatewayError } from './gateway-error.js';

export interface GatewayLimits {
  /** Largest request head (request line and headers) in bytes; larger gets 431. */
  readonly maxHeaderBytes: number;
  /** Largest request body in bytes; larger gets 413. 0: no limit (bodies are streamed, never buffered). */
  readonly maxBodyBytes: number;
  /** Time to receive a request's head, in ms; slower clients are disconnected. */
  readonly headersTimeoutMs: number;
  /** Idle time of a client's keep-alive connection between requests, in ms. */
  readonly keepAliveTimeoutMs: number;
  /** Time to open a connection to a backend, in ms; longer gets 503. */
  readonly connectTimeoutMs: number;
  /** Idle time on a request in flight (no bytes either way), in ms; 0: none (revisions enforce their own timeouts). */
  readonly idleTimeoutMs: number;
}

export const DEFAULT_LIMITS: GatewayLimits = Object.freeze({
  maxHeaderBytes: 64 * 1024,
  maxBodyBytes: 0,
  headersTimeoutMs: 60_000,
  keepAliveTimeoutMs: 65_000,
  connectTimeoutMs: 5_000,
  idleTimeoutMs: 0,
});

/** Upper bounds that keep a typo from disabling a limit in effect. */
const MAX: Readonly<Record<keyof GatewayLimits, number>> = {
  maxHeaderBytes: 16 * 1024 * 1024,
  maxBodyBytes: Number.MAX_SAFE_INTEGER,
  headersTimeoutMs: 3_600_000,
  keepAliveTimeoutMs: 3_600_000,
  connectTimeoutMs: 600_000,
  idleTimeoutMs: 86_400_000,
};
const MIN: Readonly<Record<keyof GatewayLimits, number>> = {
  maxHeaderBytes: 1024,
  maxBodyBytes: 0,
  headersTimeoutMs: 1,
  keepAliveTimeoutMs: 1,
  connectTimeoutMs: 1,
  idleTimeoutMs: 0,
};

/** The defaults with `overrides` applied; an out-of-range value throws an InvalidOption naming it. */
export function resolveLimits(overrides: Partial<GatewayLimits> = {}): GatewayLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof GatewayLimits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < MIN[key] || value > MAX[key]) {
      throw new GatewayError('InvalidOption', `limits.${key}: must be a whole number between ${MIN[key]} and ${MAX[key]}, got ${String(value)}`);
    }
    out[key] = value;
  }
  return Object.freeze(out);
}
