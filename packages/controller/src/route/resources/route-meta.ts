// Metadata shared by a Route's children.
import { CERTIFICATE_CLASS_ANNOTATION, INGRESS_CLASS_ANNOTATION, valueByPriority, type ConfigNetwork, type OwnerReference, type Route } from '@knot/api';
import type { RouteMeta } from '../domains/domains.js';

/** Annotations a Route's children never inherit (Knative's ExcludedAnnotations). */
const EXCLUDED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration', INGRESS_CLASS_ANNOTATION[1], CERTIFICATE_CLASS_ANNOTATION[1]]);

/** The controller reference that makes the Route own a child (Knative's kmeta.NewControllerRef). */
export function routeOwnerReference(route: Route): OwnerReference {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Route',
    name: route.metadata?.name ?? '',
    uid: route.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** True when `owners` hold the route's controller reference. */
export function isControlledBy(owners: readonly OwnerReference[] | undefined, route: Route): boolean {
  const uid = route.metadata?.uid;
  return (owners ?? []).some((o) => o.controller === true && o.uid === uid);
}

/** The parent's ingress-class annotation, else config-network's. */
export function ingressClassFor(network: ConfigNetwork, annotations: Readonly<Record<string, string>> | undefined): string {
  return valueByPriority(annotations, INGRESS_CLASS_ANNOTATION)?.value || network.ingressClass;
}

/** `base` overlaid with the parent's annotations, minus the ones children never carry. */
export function childAnnotations(annotations: Readonly<Record<string, string>> | undefined, base: Readonly<Record<string, string>> = {}): Record<string, string> {
  const merged = { ...base, ...annotations };
  return Object.fromEntries(Object.entries(merged).filter(([k]) => !EXCLUDED_ANNOTATIONS.has(k)));
}

/** The route metadata that host names are rendered from. */
export function routeMeta(route: Route): RouteMeta {
  const m = route.metadata;
  return { name: m?.name ?? '', namespace: m?.namespace ?? '', labels: m?.labels ?? {}, annotations: m?.annotations ?? {} };
}
