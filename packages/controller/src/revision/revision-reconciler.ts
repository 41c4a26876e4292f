import {
  APP_LABEL_KEY,
  apps,
  autoscaling,
  isRevisionReady,
  manageRevisionStatus,
  resourceNotOwnedMessage,
  RevisionConditions,
  RevisionReasons,
  SERVING_NAMESPACE,
  type PodAutoscaler,
  type Revision,
  type RevisionStatusManager,
} from '@knot/api';
import type { Client, KindReconciler, Lister, ReconcileContext } from '@knot/runtime';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ServingConfig, ServingConfigSource } from '../controller-env.js';
import { rethrow } from '../error-context.js';
import { isControlledBy } from '../kmeta/owner-refs.js';
import { semanticEqual } from '../kmeta/semantic-equal.js';
import { resolveDigests, type ImageResolver } from './image-resolver.js';
import { diagnosePods } from './pod-diagnosis.js';
import { makeDeployment } from './resources/make-deployment.js';
import { makePodAutoscaler, makePodAutoscalerSpec } from './resources/make-pa.js';
import type { RevisionBuildContext } from './resources/make-queue-container.js';
import { DEFAULT_QUEUE_OBSERVABILITY, type QueueObservability } from './resources/queue-observability.js';
import { DEPLOYMENT_HASH_LABEL_KEY, deploymentName, podAutoscalerName } from './resources/revision-meta.js';
import { RevisionResourceError } from './revision-error.js';

export interface RevisionReconcilerOptions {
  client: Client;
  deployments: Lister<Deployment>;
  podAutoscalers: Lister<PodAutoscaler>;
  /** Pods of revisions (labelled serving.knative.dev/revisionUID), to explain a Deployment without available pods. */
  pods: Lister<Pod>;
  config: ServingConfigSource;
  observability?: QueueObservability;
  /** SYSTEM_NAMESPACE for queue-proxy; `knative-serving` by default. */
  systemNamespace?: string;
  /** Used only when config-deployment's tag-resolution is on; without one, tags are never resolved. */
  imageResolver?: ImageResolver;
}

/**
 * Keeps a revision's Deployment and PodAutoscaler in the shape the revision
 * and config ask for, and reports their state as ResourcesAvailable,
 * ContainerHealthy, Active and Ready (Knative's revision reconciler).
 */
export class RevisionReconciler implements KindReconciler<Revision> {
  readonly #o: RevisionReconcilerOptions;

  constructor(opts: RevisionReconcilerOptions) {
    this.#o = opts;
  }

  async reconcileKind(rev: Revision, ctx: ReconcileContext): Promise<void> {
    const config = this.#o.config.current();
    const readyBefore = isRevisionReady(rev);
    const failedBefore = readyCondition(rev)?.status === 'False';
    const status = manageRevisionStatus(rev, { now: () => ctx.clock.now() });

    await this.#reconcileDigests(rev, config, status, ctx);
    const build: RevisionBuildContext = { config, observability: this.#o.observability ?? DEFAULT_QUEUE_OBSERVABILITY, systemNamespace: this.#o.systemNamespace ?? SERVING_NAMESPACE };
    const deployment = await this.#reconcileDeployment(rev, build, status, ctx);
    await this.#reconcilePodAutoscaler(rev, deployment, config, status);

    const ready = readyCondition(rev);
    if (!readyBefore && ready?.status === 'True') {
      ctx.recorder.event(rev, 'Normal', 'RevisionReady', 'Revision becomes ready upon all resources being ready');
    } else if (!failedBefore && ready?.status === 'False') {
      ctx.recorder.event(rev, 'Warning', ready.reason || 'RevisionFailed', ready.message || `Revision ${JSON.stringify(rev.metadata?.name ?? '')} failed: ${ready.reason ?? ''}`);
    }
  }

  /** Fills status.containerStatuses: with digests when tag-resolution is on and a resolver is given, else with names only. */
  async #reconcileDigests(rev: Revision, config: ServingConfig, status: RevisionStatusManager, ctx: ReconcileContext): Promise<void> {
    const s = (rev.status ??= {});
    const total = (rev.spec.containers?.length ?? 0) + (rev.spec.initContainers?.length ?? 0);
    if ((s.containerStatuses?.length ?? 0) + (s.initContainerStatuses?.length ?? 0) === total) return;
    const resolver = this.#o.imageResolver;
    if (!config.deployment.tagResolution || !resolver) {
      if (config.deployment.tagResolution) ctx.logger.warn({}, 'tag-resolution is on but no image resolver is configured; leaving tags unresolved');
      s.containerStatuses = (rev.spec.containers ?? []).map((c) => ({ name: c.name }));
      if (rev.spec.initContainers?.length) s.initContainerStatuses = rev.spec.initContainers.map((c) => ({ name: c.name }));
      return;
    }
    status.markResourcesAvailableUnknown(RevisionReasons.ResolvingDigests, '');
    try {
      const resolved = await resolveDigests(rev, resolver, {
        registriesSkippingTagResolving: config.deployment.registriesSkippingTagResolving,
        timeoutMs: config.deployment.digestResolutionTimeoutMs,
        clock: ctx.clock,
      });
      s.containerStatuses = resolved.containerStatuses;
      if (resolved.initContainerStatuses.length > 0) s.initContainerStatuses = resolved.initContainerStatuses;
    } catch (err) {
      status.markContainerHealthyFalse(RevisionReasons.ContainerMissing, err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  async #reconcileDeployment(rev: Revision, build: RevisionBuildContext, status: RevisionStatusManager, ctx: ReconcileContext): Promise<Deployment> {
    const namespace = rev.metadata?.namespace;
    const name = deploymentName(rev);
    const existing = this.#o.deployments.get(namespace, name);
    if (!existing) {
      status.markResourcesAvailableUnknown(RevisionReasons.Deploying, '');
      status.markContainerHealthyUnknown(RevisionReasons.Deploying, '');
      const created = await this.#o.client.create(apps.deployments, makeDeployment(rev, build)).catch(rethrow(`failed to create deployment ${JSON.stringify(name)}`));
      ctx.logger.info({ deployment: name }, 'created deployment');
      return created;
    }
    if (!isControlledBy(existing, rev)) {
      status.markResourcesAvailableFalse(RevisionReasons.NotOwned, resourceNotOwnedMessage('Deployment', name));
      throw new RevisionResourceError('NotOwned', `revision: ${JSON.stringify(rev.metadata?.name ?? '')} does not own Deployment: ${JSON.stringify(name)}`);
    }
    const deployment = await this.#updateDeployment(rev, existing, build);

    status.propagateDeploymentStatus(deployment.status);
    // Pods are wanted but none is available: ask one of them why.
    if ((deployment.spec?.replicas ?? 1) > 0 && (deployment.status?.availableReplicas ?? 0) === 0) {
      const selector = Object.entries(deployment.spec?.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      if (selector) diagnosePods(this.#o.pods.list(namespace, selector), deployment, status);
    }
    if ((deployment.status?.readyReplicas ?? 0) > 0) status.markContainerHealthyTrue();
    return deployment;
  }

  /** Updates the Deployment when what we want of it changed (its hash label differs), keeping its scale, selector and others' metadata. */
  async #updateDeployment(rev: Revision, have: Deployment, build: RevisionBuildContext): Promise<Deployment> {
    const want = makeDeployment(rev, build);
    if (have.metadata?.labels?.[DEPLOYMENT_HASH_LABEL_KEY] === want.metadata?.labels?.[DEPLOYMENT_HASH_LABEL_KEY]) return have;
    const spec = structuredClone(want.spec);
    if (!spec) return have;
    // The autoscaler owns the scale, and a selector cannot change.
    spec.replicas = have.spec?.replicas;
    if (have.spec?.selector) spec.selector = structuredClone(have.spec.selector);
    // Keeps what others put on the Deployment and its pods, such as kubectl rollout restart's restartedAt.
    spec.template.metadata = {
      labels: mergeMetadata(spec.template.metadata?.labels, have.spec?.template.metadata?.labels),
      annotations: mergeMetadata(spec.template.metadata?.annotations, have.spec?.template.metadata?.annotations),
    };
    const desired: Deployment = {
      ...structuredClone(have),
      spec,
    };
    desired.metadata = { ...desired.metadata, labels: mergeMetadata(want.metadata?.labels, have.metadata?.labels), annotations: mergeMetadata(want.metadata?.annotations, have.metadata?.annotations) };
    return this.#o.client.update(apps.deployments, desired).catch(rethrow(`failed to update deployment ${JSON.stringify(deploymentName(rev))}`));
  }

  async #reconcilePodAutoscaler(rev: Revision, deployment: Deployment, config: ServingConfig, status: RevisionStatusManager): Promise<void> {
    const namespace = rev.metadata?.namespace;
    const name = podAutoscalerName(rev);
    let pa = this.#o.podAutoscalers.get(namespace, name);
    if (!pa) {
      pa = await this.#o.client.create(autoscaling.podAutoscalers, makePodAutoscaler(rev, deployment, config.autoscaler)).catch(rethrow(`failed to create PA ${JSON.stringify(name)}`));
    } else if (!isControlledBy(pa, rev)) {
      status.markResourcesAvailableFalse(RevisionReasons.NotOwned, resourceNotOwnedMessage('PodAutoscaler', name));
      throw new RevisionResourceError('NotOwned', `revision: ${JSON.stringify(rev.metadata?.name ?? '')} does not own PodAutoscaler: ${JSON.stringify(name)}`);
    } else {
      // The spec follows the revision's routing state, so it is reconciled every time.
      const spec = makePodAutoscalerSpec(rev, deployment);
      if (!semanticEqual(spec, pa.spec)) {
        pa = await this.#o.client.update(autoscaling.podAutoscalers, { ...structuredClone(pa), spec }).catch(rethrow(`failed to update PA ${JSON.stringify(name)}`));
      }
    }
    status.propagateAutoscalerStatus(pa.status);
  }
}

function readyCondition(rev: Revision) {
  return rev.status?.conditions?.find((c) => c.type === RevisionConditions.Ready);
}

/** `desired` plus the entries of `current` that are not Knative's (no `knative.dev/` in the key, not `app`), which others own. */
function mergeMetadata(desired: Record<string, string> | undefined, current: Record<string, string> | undefined): Record<string, string> {
  const external = Object.entries(current ?? {}).filter(([k]) => k !== APP_LABEL_KEY && !k.includes('knative.dev/'));
  return { ...desired, ...Object.fromEntries(external) };
}
