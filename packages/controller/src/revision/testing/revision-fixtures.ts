// Revisions as the webhook defaults them and the Configuration reconciler stamps them, for the revision tests.
import { SERVING_NAMESPACE, type Condition, type ConditionStatus, type Revision, type RevisionSpec, type RevisionStatus } from '@knot/api';
import { DEFAULT_SERVING_CONFIG, type ServingConfig } from '../../controller-env.js';
import { configuration, revision, service, T0 } from '../../testing/fixtures.js';
import type { RevisionBuildContext } from '../resources/make-queue-container.js';
import { DEFAULT_QUEUE_OBSERVABILITY } from '../resources/queue-observability.js';

export { T0 };

export const owner = configuration('hello', { owner: service('hello') });

export interface RevisionOptions {
  name?: string;
  spec?: Partial<RevisionSpec>;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  routingState?: string;
  status?: RevisionStatus;
}

/** `hello-00001` of Service `hello`, with the spec defaults the webhook applies (timeout 300 s, a TCP readiness probe). */
export function rev(opts: RevisionOptions = {}): Revision {
  const base = revision(owner, { name: opts.name, routingState: opts.routingState });
  const r: Revision = {
    ...base,
    metadata: {
      ...base.metadata,
      labels: { ...base.metadata?.labels, ...opts.labels },
      annotations: { ...base.metadata?.annotations, ...opts.annotations },
    },
    spec: {
      containerConcurrency: 0,
      timeoutSeconds: 300,
      containers: [{ name: 'user-container', image: 'ghcr.io/knot/hello:1', readinessProbe: { tcpSocket: { port: 0 }, successThreshold: 1 } }],
      ...opts.spec,
    },
  };
  if (opts.status) r.status = opts.status;
  return r;
}

export function buildContext(config: Partial<ServingConfig> = {}): RevisionBuildContext {
  return { config: { ...DEFAULT_SERVING_CONFIG, ...config }, observability: DEFAULT_QUEUE_OBSERVABILITY, systemNamespace: SERVING_NAMESPACE };
}

export const cond = (type: string, status: ConditionStatus, reason?: string, message?: string): Condition => ({
  type,
  status,
  lastTransitionTime: T0,
  ...(type === 'Active' ? { severity: 'Info' as const } : {}),
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});
