import type { Client } from '../client.js';
import { ApiError } from '../errors.js';

/** A client whose connection can be cut and healed, as in a network partition; for tests. */
export function cuttable(client: Client): { client: Client; cut: () => void; heal: () => void } {
  let cut = false;
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => (cut ? Promise.reject(new ApiError('InternalError', 'partitioned')) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  return { client: proxy, cut: () => (cut = true), heal: () => (cut = false) };
}
