// The one parser for the environment main.ts reads; errors name the variable.
import type { CABundleTargets } from '../certs/ca-bundle.js';

export interface WebhookEnv {
  readonly systemNamespace: string;
  readonly port: number;
  readonly serviceName: string;
  readonly secretName: string;
  readonly caBundleTargets: CABundleTargets;
  readonly clusterDomain: string;
  readonly podName: string | undefined;
}

/** The environment is missing a variable or holds an unusable value. */
export class EnvError extends Error {
  readonly code = 'InvalidEnvironment';
  override readonly name = 'EnvError';
}

const SERVING_CRDS = ['services', 'configurations', 'revisions', 'routes', 'domainmappings'].map((p) => `${p}.serving.knative.dev`);

export function parseWebhookEnv(env: Readonly<Record<string, string | undefined>>): WebhookEnv {
  const systemNamespace = env.SYSTEM_NAMESPACE?.trim();
  if (!systemNamespace) throw new EnvError('SYSTEM_NAMESPACE: required (the namespace knot is installed in, e.g. knative-serving)');
  return {
    systemNamespace,
    port: port(env.WEBHOOK_PORT),
    serviceName: nonEmpty(env.WEBHOOK_NAME, 'webhook'),
    secretName: nonEmpty(env.WEBHOOK_SECRET_NAME, 'webhook-certs'),
    caBundleTargets: {
      mutatingWebhookConfigurations: list(env.WEBHOOK_MUTATING_CONFIGURATIONS, ['webhook.serving.knative.dev']),
      validatingWebhookConfigurations: list(env.WEBHOOK_VALIDATING_CONFIGURATIONS, ['validation.webhook.serving.knative.dev', 'config.webhook.serving.knative.dev']),
      customResourceDefinitions: list(env.WEBHOOK_CONVERSION_CRDS, SERVING_CRDS),
    },
    clusterDomain: nonEmpty(env.CLUSTER_DOMAIN, 'cluster.local'),
    podName: env.POD_NAME?.trim() || undefined,
  };
}

function port(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 8443;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > 65535) throw new EnvError(`WEBHOOK_PORT: must be a port number between 1 and 65535, got ${JSON.stringify(raw)}`);
  return n;
}

function nonEmpty(raw: string | undefined, fallback: string): string {
  return raw?.trim() || fallback;
}

/** A comma-separated list; unset means the default, an empty string means none. */
function list(raw: string | undefined, fallback: readonly string[]): readonly string[] {
  if (raw === undefined) return fallback;
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
