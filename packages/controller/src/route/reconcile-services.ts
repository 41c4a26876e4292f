// The K8s Services naming a Route and its tags: reserved first, then pointed at the Ingress's load balancer.
import { core, ROUTE_LABEL_KEY, type Ingress, type Route, type RouteStatusManager } from '@knot/api';
import { jsonEqual, type Client, type Lister, type ReconcileContext } from '@knot/runtime';
import type { Endpoints, Service as K8sService } from 'kubernetes-types/core/v1.js';
import { messageOf, rethrow, withContext } from '../error-context.js';
import { isClusterLocalService, makeK8sService, makePlaceholderService } from './resources/make-service.js';
import { isControlledBy } from './resources/route-meta.js';
import type { RouteConfig } from './route-config.js';
import { RouteError } from './route-error.js';

export interface ServiceDeps {
  readonly client: Client;
  readonly services: Lister<K8sService>;
  readonly endpoints: Lister<Endpoints>;
}

/** A traffic group's Service as it is now, with its Endpoints if any. */
export interface PlaceholderService {
  readonly tag: string;
  readonly service: K8sService;
  readonly endpoints?: Endpoints;
}

/**
 * Creates a placeholder Service per traffic group (so the names are ours before
 * the Ingress is ready), refuses names someone else owns, and deletes the
 * route's Services of groups that are gone.
 */
export async function reconcilePlaceholderServices(
  deps: ServiceDeps,
  config: RouteConfig,
  route: Route,
  tags: readonly string[],
  status: RouteStatusManager,
  ctx: ReconcileContext,
): Promise<PlaceholderService[]> {
  const ns = route.metadata?.namespace;
  const out: PlaceholderService[] = [];
  for (const tag of [...tags].sort()) {
    const desired = makePlaceholderService(config, route, tag);
    const name = desired.metadata?.name ?? '';
    let service = deps.services.get(ns, name);
    if (!service) {
      try {
        service = await deps.client.create(core.services, desired);
      } catch (err) {
        ctx.recorder.event(route, 'Warning', 'CreationFailed', `Failed to create placeholder service "${name}": ${messageOf(err)}`);
        throw withContext('failed to create placeholder service', err);
      }
      ctx.recorder.event(route, 'Normal', 'Created', `Created placeholder service "${name}"`);
    } else if (!isControlledBy(service.metadata?.ownerReferences, route)) {
      status.markServiceNotOwned(name);
      throw new RouteError('NotOwned', `route: "${route.metadata?.name}" does not own Service: "${name}"`);
    }
    const endpoints = deps.endpoints.get(ns, name);
    if (endpoints && !isControlledBy(endpoints.metadata?.ownerReferences, route)) {
      status.markEndpointNotOwned(name);
      throw new RouteError('NotOwned', `route: "${route.metadata?.name}" does not own Endpoints: "${name}"`);
    }
    out.push({ tag, service, ...(endpoints ? { endpoints } : {}) });
  }
  await deleteOrphans(deps, route, new Set(out.map((p) => p.service.metadata?.name ?? '')));
  return out;
}

/** Deletes the route's Services (and their Endpoints) that no traffic group names any more. */
async function deleteOrphans(deps: ServiceDeps, route: Route, active: ReadonlySet<string>): Promise<void> {
  const ns = route.metadata?.namespace;
  // Only our own: a label alone could be copied onto someone else's Service.
  const owned = deps.services.list(ns, `${ROUTE_LABEL_KEY}=${route.metadata?.name ?? ''}`).filter((s) => isControlledBy(s.metadata?.ownerReferences, route));
  for (const svc of owned) {
    const name = svc.metadata?.name ?? '';
    if (active.has(name)) continue;
    await deps.client.delete(core.services, ns, name).catch(rethrow('failed to delete Service'));
    if (deps.endpoints.get(ns, name)) await deps.client.delete(core.endpoints, ns, name).catch(rethrow('failed to delete Endpoints'));
  }
}

/**
 * Points each group's Service at the Ingress's load balancer once it reports
 * one. Services cannot change every field in place (an ExternalName can become
 * anything, a ClusterIP keeps its IP), so some transitions recreate the Service.
 */
export async function updatePlaceholderServices(deps: ServiceDeps, config: RouteConfig, route: Route, current: readonly PlaceholderService[], ingress: Ingress): Promise<void> {
  const ns = route.metadata?.namespace;
  for (const from of current) {
    const to = makeK8sService(config, route, from.tag, ingress, isClusterLocalService(from.service));
    // No load balancer yet: keep the placeholder.
    if (!to) continue;
    const fromSpec = from.service.spec ?? {};
    const toSpec = { ...to.service.spec };
    let canUpdate = true;
    if (fromSpec.type !== toSpec.type) {
      // Kubernetes refuses ClusterIP to ExternalName in place.
      canUpdate = fromSpec.type === 'ExternalName';
    } else if (fromSpec.type === 'ClusterIP' && fromSpec.clusterIP !== toSpec.clusterIP) {
      // Cluster IPs are immutable: keep an assigned one, recreate to switch to or from headless.
      canUpdate = fromSpec.clusterIP !== 'None' && !toSpec.clusterIP;
      if (canUpdate) toSpec.clusterIP = fromSpec.clusterIP;
    }
    if (canUpdate) {
      const annotations = { ...from.service.metadata?.annotations, ...to.service.metadata?.annotations };
      const labels = { ...from.service.metadata?.labels, ...to.service.metadata?.labels };
      if (!jsonEqual(fromSpec, toSpec) || !jsonEqual(from.service.metadata?.annotations ?? {}, annotations) || !jsonEqual(from.service.metadata?.labels ?? {}, labels)) {
        const existing = structuredClone(from.service);
        // Go's omitempty: an empty map is not written.
        const { annotations: _old, ...rest } = existing.metadata ?? {};
        const metadata = { ...rest, labels, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) };
        await deps.client.update(core.services, { ...existing, metadata, spec: toSpec });
      }
    } else {
      await deps.client.delete(core.services, ns, from.service.metadata?.name ?? '');
      await deps.client.create(core.services, { ...to.service, spec: toSpec });
    }
    await reconcileEndpoints(deps, from.endpoints, to.endpoints);
  }
}

async function reconcileEndpoints(deps: ServiceDeps, from: Endpoints | undefined, to: Endpoints | undefined): Promise<void> {
  if (from && to) {
    if (!jsonEqual(from.subsets ?? [], to.subsets ?? [])) await deps.client.update(core.endpoints, { ...structuredClone(from), subsets: to.subsets });
  } else if (to) {
    await deps.client.create(core.endpoints, to);
  } else if (from) {
    await deps.client.delete(core.endpoints, from.metadata?.namespace, from.metadata?.name ?? '');
  }
}

