// Knative's own queue-proxy (knative.dev/serving/cmd/queue), built by
// scripts/provision/knative-queue.sh, as the side-by-side peer of knot's.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const KNATIVE_SERVING_VERSION = 'v0.50.0';
/**
 * Its admin and metrics ports, bound on every interface whatever the
 * environment says, so only one runs at a time.
 */
export const KNATIVE_QUEUE_FIXED_PORTS = [8022, 9090] as const;

export function knativeQueueBinary(env: NodeJS.ProcessEnv): string {
  const version = env.KNATIVE_SERVING_VERSION ?? KNATIVE_SERVING_VERSION;
  return join(env.KNOT_CACHE_DIR ?? join(homedir(), '.cache', 'knot'), 'bin', `knative-queue-${version}`);
}
