// The one parser for the environment main.ts reads; errors name the variable.
import { hostname } from 'node:os';

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

/** The environment is missing a variable or holds an unusable value. */
export class EnvError extends Error {
  readonly code = 'InvalidEnvironment';
  override readonly name = 'EnvError';
}

export function parseClusterEnv(env: Readonly<Record<string, string | undefined>>): ClusterEnv {
  const systemNamespace = env.SYSTEM_NAMESPACE?.trim();
  if (!systemNamespace) throw new EnvError('SYSTEM_NAMESPACE: required (the namespace knot is installed in, e.g. knative-serving)');
  return {
    systemNamespace,
    probesPort: int(env, 'PROBES_PORT', 8080, 1, 65535),
    workers: int(env, 'CONTROLLER_WORKERS', 2, 1, 1000),
    leaderElection: bool(env, 'LEADER_ELECTION', true),
    identity: env.POD_NAME?.trim() || hostname(),
    kubeconfig: env.KUBECONFIG?.trim() || undefined,
  };
}

function int(env: Readonly<Record<string, string | undefined>>, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new EnvError(`${key}: must be a whole number between ${min} and ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

function bool(env: Readonly<Record<string, string | undefined>>, key: string, fallback: boolean): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new EnvError(`${key}: must be true or false, got ${JSON.stringify(env[key])}`);
}
