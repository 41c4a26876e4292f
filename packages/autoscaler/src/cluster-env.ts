// The one parser for the environment main.ts reads; errors name the variable.
import { hostname } from 'node:os';
import { AUTOSCALER_METRICS_PORT, AUTOSCALER_STATS_PORT } from '@knot/api';
import { envBool, envInt, envPort, envString, requireSystemNamespace, type Env } from '@knot/runtime';

export interface AutoscalerClusterEnv {
  /** Where config-autoscaler, config-deployment and the leader Lease live. */
  readonly systemNamespace: string;
  /** The stat websocket activators report to (Knative's 8080); served on every replica. */
  readonly statsPort: number;
  /** /metrics, /healthz and /readyz (Knative's 9090). */
  readonly metricsPort: number;
  /** Workers per PodAutoscaler reconciler. */
  readonly workers: number;
  /** Whether replicas elect one leader that runs the reconcilers. */
  readonly leaderElection: boolean;
  /** This replica's identity in the Lease. */
  readonly identity: string;
  /** An explicit kubeconfig; the default loading rules (then in-cluster) otherwise. */
  readonly kubeconfig: string | undefined;
}

export function parseAutoscalerClusterEnv(env: Env): AutoscalerClusterEnv {
  return {
    systemNamespace: requireSystemNamespace(env),
    statsPort: envPort(env, 'STATS_PORT', AUTOSCALER_STATS_PORT),
    metricsPort: envPort(env, 'METRICS_PORT', AUTOSCALER_METRICS_PORT),
    workers: envInt(env, 'AUTOSCALER_WORKERS', 2, 1, 1000),
    leaderElection: envBool(env, 'LEADER_ELECTION', true),
    identity: envString(env, 'POD_NAME', hostname()),
    kubeconfig: env.KUBECONFIG?.trim() || undefined,
  };
}
