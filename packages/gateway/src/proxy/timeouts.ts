// Connect and idle timeouts on a backend request, on the injected clock.
import type http from 'node:http';
import type { ProxyEnv } from './proxy-env.js';

class TimeoutError extends Error {
  readonly code: 'ConnectTimeout' | 'IdleTimeout';

  constructor(code: 'ConnectTimeout' | 'IdleTimeout', message: string) {
    super(message);
    this.code = code;
  }
}

/** Fails the request with ConnectTimeout when a fresh connection takes too long, and with IdleTimeout when nothing moves for the idle time. */
export function watchConnect(env: ProxyEnv, up: http.ClientRequest): void {
  const { connectTimeoutMs, idleTimeoutMs } = env.limits;
  up.once('socket', (socket) => {
    if (socket.connecting) {
      const timer = env.clock.setTimeout(() => up.destroy(new TimeoutError('ConnectTimeout', 'connect timeout')), connectTimeoutMs);
      socket.once('connect', () => env.clock.clearTimeout(timer));
      up.once('close', () => env.clock.clearTimeout(timer));
    }
  });
  if (idleTimeoutMs > 0) up.setTimeout(idleTimeoutMs, () => up.destroy(new TimeoutError('IdleTimeout', 'idle timeout')));
}
