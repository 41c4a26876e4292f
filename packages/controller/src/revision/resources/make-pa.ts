// The PodAutoscaler that scales a revision's Deployment (Knative's resources.MakePA).
import { CLASS_ANNOTATION_KEY, RevisionConditions, RoutingState, ROUTING_STATE_LABEL_KEY, type ConfigAutoscaler, type PodAutoscaler, type ReachabilityType, type Revision } from '@knot/api';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { newControllerRef } from '../../kmeta/owner-refs.js';
import { deploymentName, makeAnnotations, makeLabels, podAutoscalerName, revisionProtocol } from './revision-meta.js';

/**
 * The revision's PodAutoscaler: its autoscaling annotations (the class from
 * config-autoscaler when the revision names none) and a spec pointing at the
 * revision's Deployment. `deployment` decides reachability of a failing revision.
 */
export function makePodAutoscaler(rev: Revision, deployment: Deployment | undefined, autoscaler: ConfigAutoscaler): PodAutoscaler {
  const annotations = makeAnnotations(rev);
  // Set before creation, so the autoscaler never sees a PA without a class.
  if (!annotations[CLASS_ANNOTATION_KEY] && autoscaler.podAutoscalerClass) annotations[CLASS_ANNOTATION_KEY] = autoscaler.podAutoscalerClass;
  return {
    apiVersion: 'autoscaling.internal.knative.dev/v1alpha1',
    kind: 'PodAutoscaler',
    metadata: {
      name: podAutoscalerName(rev),
      namespace: rev.metadata?.namespace ?? '',
      labels: makeLabels(rev),
      annotations,
      ownerReferences: [newControllerRef(rev)],
    },
    spec: makePodAutoscalerSpec(rev, deployment),
  };
}

/** Zero concurrency and unknown reachability are left out, as Knative's JSON omits them. */
export function makePodAutoscalerSpec(rev: Revision, deployment: Deployment | undefined): PodAutoscaler['spec'] {
  const cc = rev.spec.containerConcurrency ?? 0;
  const reach = reachability(rev, deployment);
  return {
    ...(cc !== 0 ? { containerConcurrency: cc } : {}),
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(rev) },
    protocolType: revisionProtocol(rev),
    ...(reach !== '' ? { reachability: reach } : {}),
  };
}

/**
 * Whether routes send the revision traffic: from its routingState label, except
 * that a revision whose resources failed and that has no ready pod is unreachable,
 * so the autoscaler stops waiting for it.
 */
export function reachability(rev: Revision, deployment: Deployment | undefined): ReachabilityType {
  const failed = (rev.status?.conditions ?? []).some(
    (c) => (c.type === RevisionConditions.ResourcesAvailable || c.type === RevisionConditions.ContainerHealthy) && c.status === 'False',
  );
  const wanted = deployment?.spec?.replicas;
  if (failed && wanted !== undefined && wanted > 0 && (deployment?.status?.readyReplicas ?? 0) === 0) return 'Unreachable';
  switch (rev.metadata?.labels?.[ROUTING_STATE_LABEL_KEY]) {
    case RoutingState.Active:
      return 'Reachable';
    case RoutingState.Reserve:
      return 'Unreachable';
    default:
      return '';
  }
}
