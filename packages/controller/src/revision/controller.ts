import { apps, autoscaling, core, REVISION_LABEL_KEY, REVISION_UID_LABEL_KEY, revisionConditionSet, serving, type Revision } from '@knot/api';
import { Controller, enqueueOwnerOfKind, filterByLabel, filtered, handleAll } from '@knot/runtime';
import { envControllerOptions, type ControllerEnv } from '../controller-env.js';
import { DigestResolver } from './digest-resolver.js';
import type { ImageResolver } from './image-resolver.js';
import type { QueueObservability } from './resources/queue-observability.js';
import { RevisionReconciler } from './revision-reconciler.js';

export const REVISION_CONTROLLER_NAME = 'revision-controller';
/** How digest resolution introduces itself to registries. */
const USER_AGENT = 'knot (serving)';

export interface RevisionControllerOptions {
  /** What queue-proxy gets from config-logging, -observability and -tracing; Knative's defaults when absent. */
  observability?: QueueObservability;
  /** SYSTEM_NAMESPACE for queue-proxy; `knative-serving` by default. */
  systemNamespace?: string;
  /** Resolves image tags to digests when config-deployment's tag-resolution is on; a DigestResolver reading pull secrets through the env's client by default. */
  imageResolver?: ImageResolver;
}

/**
 * The Revision controller: reconciles Revisions, and a revision again whenever
 * its Deployment or PodAutoscaler changes, or one of its pods (so a crash loop
 * or image pull failure shows up without waiting for the Deployment to change).
 */
export function createRevisionController(env: ControllerEnv, opts: RevisionControllerOptions = {}): Controller<Revision> {
  const deployments = env.informers.informerFor(apps.deployments);
  const podAutoscalers = env.informers.informerFor(autoscaling.podAutoscalers);
  // Only revision pods: the controller never caches the cluster's other pods.
  const pods = env.informers.informerFor(core.pods, { labelSelector: REVISION_UID_LABEL_KEY });

  const controller = new Controller({
    ...envControllerOptions(env, REVISION_CONTROLLER_NAME),
    resource: serving.revisions,
    reconciler: new RevisionReconciler({
      client: env.client,
      deployments: deployments.lister,
      podAutoscalers: podAutoscalers.lister,
      pods: pods.lister,
      config: env.config,
      observability: opts.observability,
      systemNamespace: opts.systemNamespace,
      imageResolver: opts.imageResolver ?? new DigestResolver({ client: env.client, userAgent: USER_AGENT }),
    }),
    conditionSet: revisionConditionSet,
  });

  const enqueueRevision = enqueueOwnerOfKind(serving.revisions.group, serving.revisions.kind, (key) => controller.enqueueKey(key));
  deployments.addEventHandler(enqueueRevision);
  podAutoscalers.addEventHandler(enqueueRevision);
  // Pods are owned by ReplicaSets; their revision label names the revision.
  pods.addEventHandler(
    filtered(
      filterByLabel(REVISION_LABEL_KEY),
      handleAll((pod) => {
        const ns = pod.metadata?.namespace;
        const name = pod.metadata?.labels?.[REVISION_LABEL_KEY] ?? '';
        controller.enqueueKey(ns ? `${ns}/${name}` : name);
      }),
    ),
  );
  return controller;
}
