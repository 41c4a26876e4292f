// The one parser for the environment main.ts reads; errors name the variable.
import { hostname } from 'node:os';
import { EnvError, envBool, envInt, envPort, envString, requireSystemNamespace, type Env } from '@knot/runtime';

export interface ClusterEnv {
  /** Where knot's config maps, activator and leader-election Lease live. */
  readonly systemNamespace: string;
  /** Port of /healthz, /readyz and /metrics. */
  readonly probesPort: number;
  /** Workers per controller. */
  readonly workers: number;
  /** Whether replicas elect one leader that runs the controllers. */
  readonly leaderElection: boolean;
  /** This replica's identity in the Lease. */
  readonly identity: string;
  /** An explicit kubeconfig; the default loading rules (then in-cluster) otherwise. */
  readonly kubeconfig: string | undefined;
}

export { EnvError };

export function parseClusterEnv(env: Env): ClusterEnv {
  return {
    systemNamespace: requireSystemNamespace(env),
    probesPort: envPort(env, 'PROBES_PORT', 8080),
    workers: envInt(env, 'CONTROLLER_WORKERS', 2, 1, 1000),
    leaderElection: envBool(env, 'LEADER_ELECTION', true),
    identity: envString(env, 'POD_NAME', hostname()),
    kubeconfig: env.KUBECONFIG?.trim() || undefined,
  };
}
