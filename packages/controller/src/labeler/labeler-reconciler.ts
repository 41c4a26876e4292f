import { isRouteFailed, isRouteReady, ROUTES_ANNOTATION_KEY, ROUTING_STATE_LABEL_KEY, RoutingState, serving, type Configuration, type ResourceType, type Revision, type Route } from '@knot/api';
import type { Client, KindReconciler, Lister, ReconcileContext } from '@knot/runtime';
import { withContext } from '../error-context.js';
import { listAnnotation } from '../kmeta/list-annotation.js';
import { controllerOf } from '../kmeta/owner-refs.js';
import { makeMetadataPatch } from './metadata-patch.js';

export interface LabelerDeps {
  client: Client;
  configurations: Lister<Configuration>;
  revisions: Lister<Revision>;
}

/** The Configurations and Revisions a Route's traffic (spec and status) references. */
export interface RoutedNames {
  configurations: Set<string>;
  revisions: Set<string>;
}

/**
 * Keeps the serving.knative.dev/routes annotation of Configurations and
 * Revisions, and the routingState label of Revisions, in step with the Routes
 * that send them traffic (Knative's labeler). It reconciles Routes but never
 * writes their status; its finalizer clears a deleted Route from its targets.
 */
export class LabelerReconciler implements KindReconciler<Route> {
  readonly #d: LabelerDeps;

  constructor(deps: LabelerDeps) {
    this.#d = deps;
  }

  async reconcileKind(route: Route, ctx: ReconcileContext): Promise<void> {
    const routed = this.routedNames(route);
    // Targets leave only once the Route has settled, so a rollout in progress keeps both sides labelled.
    if (isRouteReady(route) || isRouteFailed(route)) {
      await this.#clearNotListed(route, serving.revisions, this.#activeRevisions(route), routed.revisions, ctx);
      await this.#clearNotListed(route, serving.configurations, this.#routedConfigurations(route), routed.configurations, ctx);
    }
    for (const name of routed.revisions) await this.#setRoutingMeta(route, serving.revisions, this.#d.revisions.get(route.metadata?.namespace, name), false, ctx);
    for (const name of routed.configurations) await this.#setRoutingMeta(route, serving.configurations, this.#d.configurations.get(route.metadata?.namespace, name), false, ctx);
  }

  async finalizeKind(route: Route, ctx: ReconcileContext): Promise<void> {
    await this.#clearNotListed(route, serving.revisions, this.#activeRevisions(route), new Set(), ctx);
    await this.#clearNotListed(route, serving.configurations, this.#routedConfigurations(route), new Set(), ctx);
  }

  /** What the Route's traffic names and exists: revisions (with their Configuration), configurations, and their latest created revision for latestRevision targets. */
  routedNames(route: Route): RoutedNames {
    const ns = route.metadata?.namespace;
    const out: RoutedNames = { configurations: new Set(), revisions: new Set() };
    for (const target of [...(route.status?.traffic ?? []), ...route.spec.traffic ?? []]) {
      let configName = target.configurationName;
      if (target.revisionName) {
        const rev = this.#d.revisions.get(ns, target.revisionName);
        // A revision that does not exist yet is labelled once it is created: its creation enqueues this Route.
        if (!rev) continue;
        out.revisions.add(target.revisionName);
        const owner = controllerOf(rev);
        if (owner?.kind === 'Configuration') configName = owner.name;
      }
      if (!configName) continue;
      const config = this.#d.configurations.get(ns, configName);
      if (!config) continue;
      out.configurations.add(configName);
      // The latest created revision is labelled before it is ready, so traffic can move to it smoothly.
      const latestCreated = config.status?.latestCreatedRevisionName;
      if (latestCreated && target.latestRevision === true && this.#d.revisions.get(ns, latestCreated)) out.revisions.add(latestCreated);
    }
    return out;
  }

  #activeRevisions(route: Route): Revision[] {
    return this.#d.revisions.list(route.metadata?.namespace).filter((r) => r.metadata?.labels?.[ROUTING_STATE_LABEL_KEY] === RoutingState.Active && namesRoute(r, route));
  }

  #routedConfigurations(route: Route): Configuration[] {
    return this.#d.configurations.list(route.metadata?.namespace).filter((c) => namesRoute(c, route));
  }

  async #clearNotListed<T extends Revision | Configuration>(route: Route, rt: ResourceType<T>, candidates: T[], keep: Set<string>, ctx: ReconcileContext): Promise<void> {
    for (const obj of candidates) {
      if (keep.has(obj.metadata?.name ?? '')) continue;
      await this.#setRoutingMeta(route, rt, obj, true, ctx);
    }
  }

  async #setRoutingMeta<T extends Revision | Configuration>(route: Route, rt: ResourceType<T>, obj: T | undefined, remove: boolean, ctx: ReconcileContext): Promise<void> {
    if (!obj) return;
    const name = obj.metadata?.name ?? '';
    const patch = makeMetadataPatch(obj, route.metadata?.name ?? '', { routingState: rt.kind === 'Revision', remove, now: ctx.clock.now() });
    if (!patch) return;
    try {
      await this.#d.client.patch(rt, route.metadata?.namespace, name, { type: 'merge', patch: { ...patch } });
    } catch (err) {
      const what = remove ? 'remove route annotation from' : 'add route annotation to';
      throw withContext(`failed to ${what} ${rt.kind} "${name}"`, err);
    }
  }
}

function namesRoute(obj: Revision | Configuration, route: Route): boolean {
  return listAnnotation(obj.metadata?.annotations, ROUTES_ANNOTATION_KEY).has(route.metadata?.name ?? '');
}
