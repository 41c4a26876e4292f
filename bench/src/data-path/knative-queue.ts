// Knative's own queue-proxy (knative.dev/serving/cmd/queue), built by
// scripts/provision/knative-queue.sh, as the side-by-side peer of knot's.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const KNATIVE_SERVING_VERSION = 'v0.50.0';
/** Its admin and metrics ports, bound on every interface whatever the environment says. */
export const KNATIVE_QUEUE_FIXED_PORTS = [8022, 9090] as const;

export function knativeQueueBinary(env: NodeJS.ProcessEnv): string {
  const version = env.KNATIVE_SERVING_VERSION ?? KNATIVE_SERVING_VERSION;
  return join(env.KNOT_CACHE_DIR ?? join(homedir(), '.cache', 'knot'), 'bin', `knative-queue-${version}`);
}

/**
 * The environment the revision reconciler would give it. It also binds the
 * admin port 8022 and the metrics port 9090 on every interface, which cannot be
 * changed, so only one runs at a time.
 */
export function knativeQueueEnv(opts: { servingPort: number; tlsPort: number; userPort: number }): Record<string, string> {
  return {
    CONTAINER_CONCURRENCY: '0',
    QUEUE_SERVING_PORT: String(opts.servingPort),
    QUEUE_SERVING_TLS_PORT: String(opts.tlsPort),
    USER_PORT: String(opts.userPort),
    REVISION_TIMEOUT_SECONDS: '300',
    SERVING_LOGGING_CONFIG: '',
    SERVING_LOGGING_LEVEL: 'warn',
    SERVING_NAMESPACE: 'default',
    SERVING_CONFIGURATION: 'hello',
    SERVING_REVISION: 'hello-00001',
    SERVING_POD: 'hello-00001-deployment-bench',
    SERVING_POD_IP: '127.0.0.1',
  };
}
