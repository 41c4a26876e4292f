// The one parser for the environment main.ts reads; errors name the variable.
import { EnvError, envList, envPort, envString, requireSystemNamespace, type Env } from '@knot/runtime';
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

export { EnvError };

const SERVING_CRDS = ['services', 'configurations', 'revisions', 'routes', 'domainmappings'].map((p) => `${p}.serving.knative.dev`);

export function parseWebhookEnv(env: Env): WebhookEnv {
  return {
    systemNamespace: requireSystemNamespace(env),
    port: envPort(env, 'WEBHOOK_PORT', 8443),
    serviceName: envString(env, 'WEBHOOK_NAME', 'webhook'),
    secretName: envString(env, 'WEBHOOK_SECRET_NAME', 'webhook-certs'),
    caBundleTargets: {
      mutatingWebhookConfigurations: envList(env, 'WEBHOOK_MUTATING_CONFIGURATIONS', ['webhook.serving.knative.dev']),
      validatingWebhookConfigurations: envList(env, 'WEBHOOK_VALIDATING_CONFIGURATIONS', ['validation.webhook.serving.knative.dev', 'config.webhook.serving.knative.dev']),
      customResourceDefinitions: envList(env, 'WEBHOOK_CONVERSION_CRDS', SERVING_CRDS),
    },
    clusterDomain: envString(env, 'CLUSTER_DOMAIN', 'cluster.local'),
    podName: env.POD_NAME?.trim() || undefined,
  };
}
