// Which traffic groups of a Route stay inside the cluster (Knative's route/visibility).
import { VISIBILITY_LABEL_KEY, domainFor, type IngressVisibility, type Route } from '@knot/api';
import type { Service as K8sService } from 'kubernetes-types/core/v1.js';
import type { RouteConfig } from '../route-config.js';
import { DEFAULT_TARGET, hostnameFor } from './domains.js';

/**
 * The visibility of every traffic group (the default one and each tag). A route
 * is cluster-local when its domain is the cluster-local domain (its visibility
 * label, or a config-domain selector choosing `svc.cluster.local`); a tag also
 * is when its placeholder Service carries the visibility label.
 * `services` are the route's placeholder Services.
 */
export function resolveVisibility(config: RouteConfig, route: Route, services: readonly K8sService[]): Map<string, IngressVisibility> {
  const name = route.metadata?.name ?? '';
  const routeLocal = domainFor(config.domain, route.metadata?.labels ?? {}) === config.domain.clusterLocalDomain;
  const byName = new Map(services.map((s) => [s.metadata?.name ?? '', s]));
  const tags = new Set([DEFAULT_TARGET, ...(route.spec.traffic ?? []).map((t) => t.tag ?? '')]);
  const out = new Map<string, IngressVisibility>();
  for (const tag of [...tags].sort()) {
    const labels = byName.get(hostnameFor(config, name, tag))?.metadata?.labels ?? {};
    // Any value counts, as in Knative.
    const serviceLocal = (labels[VISIBILITY_LABEL_KEY] ?? '') !== '';
    out.set(tag, routeLocal || serviceLocal ? 'ClusterLocal' : 'ExternalIP');
  }
  return out;
}

/** Visibility of a traffic group; groups the resolver never saw are external, as in Knative. */
export function visibilityOf(visibility: ReadonlyMap<string, IngressVisibility>, tag: string): IngressVisibility {
  return visibility.get(tag) ?? 'ExternalIP';
}
