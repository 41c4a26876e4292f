import type { KubeObject, OwnerReference, PodAutoscaler } from '@knot/api';

/** The controller ownerReference children of a PodAutoscaler carry (Knative's kmeta.NewControllerRef). */
export function paControllerRef(pa: PodAutoscaler): OwnerReference {
  return {
    apiVersion: 'autoscaling.internal.knative.dev/v1alpha1',
    kind: 'PodAutoscaler',
    name: pa.metadata?.name ?? '',
    uid: pa.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** True when `owner` is `obj`'s controller, compared by uid (metav1.IsControlledBy). */
export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
  return ref !== undefined && ref.uid !== '' && ref.uid === owner.metadata?.uid;
}
