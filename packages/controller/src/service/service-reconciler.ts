import {
  manageServiceStatus,
  serving,
  setConfigurationDefaults,
  setRouteDefaults,
  type Configuration,
  type ResourceType,
  type Revision,
  type Route,
  type Service,
  type ServiceStatusManager,
  type TrafficTarget,
} from '@knot/api';
import type { Client, KindReconciler, Lister, ReconcileContext } from '@knot/runtime';
import { checkNameAvailability } from '../configuration/configuration-reconciler.js';
import type { ServingConfigSource } from '../controller-env.js';
import { messageOf, withContext } from '../error-context.js';
import { isControlledBy } from '../kmeta/owner-refs.js';
import { semanticEqual } from '../kmeta/semantic-equal.js';
import { configurationNameFor, makeConfiguration } from './resources/make-configuration.js';
import { makeRoute, routeNameFor } from './resources/make-route.js';

export interface ServiceReconcilerDeps {
  client: Client;
  configurations: Lister<Configuration>;
  revisions: Lister<Revision>;
  routes: Lister<Route>;
  config: ServingConfigSource;
}

/** A child of the Service's name that another owner controls; the Service never takes it over. */
export class NotOwnedError extends Error {
  override readonly name = 'NotOwnedError';
  readonly code = 'NotOwned';
}

/**
 * Keeps a Service's Configuration and Route, both of its name and owned by it,
 * in step with its spec, and mirrors their status (Knative's service reconciler).
 */
export class ServiceReconciler implements KindReconciler<Service> {
  readonly #d: ServiceReconcilerDeps;

  constructor(deps: ServiceReconcilerDeps) {
    this.#d = deps;
  }

  async reconcileKind(service: Service, ctx: ReconcileContext): Promise<void> {
    const status = manageServiceStatus(service, { now: () => ctx.clock.now() });
    const config = await this.#configuration(service, status, ctx);
    if (config.metadata?.generation !== config.status?.observedGeneration) {
      // Its conditions describe an older spec.
      status.markConfigurationNotReconciled();
      // A bring-your-own name must exist before the Route may point at it.
      if (config.spec.template.metadata?.name) return;
    } else {
      status.propagateConfigurationStatus(config.status ?? {});
    }

    // Never route to a revision of that name that is not this generation's (another Configuration's, say).
    const taken = checkNameAvailability(config, this.#d.revisions);
    if (taken && 'conflict' in taken) {
      status.markRevisionNameTaken(config.spec.template.metadata?.name ?? '');
      return;
    }

    const route = await this.#route(service, status, ctx);
    if (route.metadata?.generation !== route.status?.observedGeneration) status.markRouteNotReconciled();
    else status.propagateRouteStatus(route.status ?? {});
    checkRoutesNotReady(status, config, route);
  }

  async #configuration(service: Service, status: ServiceStatusManager, ctx: ReconcileContext): Promise<Configuration> {
    const name = configurationNameFor(service);
    const existing = this.#d.configurations.get(service.metadata?.namespace, name);
    if (!existing) {
      return this.#create(serving.configurations, makeConfiguration(service), service, ctx);
    }
    if (!isControlledBy(existing, service)) {
      status.markConfigurationNotOwned(name);
      throw new NotOwnedError(`service: "${service.metadata?.name ?? ''}" does not own configuration: "${name}"`);
    }
    const desired = makeConfiguration(service, existing);
    const defaults = this.#defaulting();
    if (childEqual(setConfigurationDefaults(desired, defaults), setConfigurationDefaults(existing, defaults))) return existing;
    ctx.logger.info({ configuration: name }, 'service-delegated configuration differs from the service; updating it');
    return this.#update(serving.configurations, existing, desired, 'Configuration');
  }

  async #route(service: Service, status: ServiceStatusManager, ctx: ReconcileContext): Promise<Route> {
    const name = routeNameFor(service);
    const existing = this.#d.routes.get(service.metadata?.namespace, name);
    if (!existing) return this.#create(serving.routes, makeRoute(service), service, ctx);
    if (!isControlledBy(existing, service)) {
      status.markRouteNotOwned(name);
      throw new NotOwnedError(`service: "${service.metadata?.name ?? ''}" does not own route: "${name}"`);
    }
    const desired = makeRoute(service);
    const defaults = this.#defaulting();
    if (childEqual(setRouteDefaults(desired, defaults), setRouteDefaults(existing, defaults))) return existing;
    ctx.logger.info({ route: name }, 'service-delegated route differs from the service; updating it');
    return this.#update(serving.routes, existing, desired, 'Route');
  }

  async #create<T extends Configuration | Route>(rt: ResourceType<T>, obj: T, service: Service, ctx: ReconcileContext): Promise<T> {
    const kind = obj.kind ?? '';
    const name = obj.metadata?.name ?? '';
    try {
      const created = await this.#d.client.create(rt, obj);
      ctx.recorder.event(service, 'Normal', 'Created', `Created ${kind} "${name}"`);
      return created;
    } catch (err) {
      ctx.recorder.event(service, 'Warning', 'CreationFailed', `Failed to create ${kind} "${name}": ${messageOf(err)}`);
      throw withContext(`failed to create ${kind}`, err);
    }
  }

  /** Writes the desired spec, labels and annotations onto the existing object, keeping the rest of its metadata. */
  async #update<T extends Configuration | Route>(rt: ResourceType<T>, existing: T, desired: T, kind: string): Promise<T> {
    const next = structuredClone(existing);
    next.spec = desired.spec;
    const meta = (next.metadata ??= {});
    meta.labels = desired.metadata?.labels;
    meta.annotations = desired.metadata?.annotations;
    try {
      return await this.#d.client.update(rt, next);
    } catch (err) {
      // withContext keeps a Conflict a Conflict, so the base retries it without a Warning event.
      throw withContext(`failed to reconcile ${kind}`, err);
    }
  }

  #defaulting() {
    const { defaults, features } = this.#d.config.current();
    return { defaults, features };
  }
}

/** Both sides defaulted first, so values the webhook filled in on one side only are no difference (Knative defaults the existing child). */
function childEqual(desired: Configuration | Route, existing: Configuration | Route): boolean {
  return semanticEqual(desired.spec, existing.spec) && semanticEqual(desired.metadata?.labels, existing.metadata?.labels) && semanticEqual(desired.metadata?.annotations, existing.metadata?.annotations);
}

/**
 * A Ready Route whose traffic is not yet what the Service asks for (the
 * Configuration's targets resolved to its latest ready revision) is not ready
 * for the Service: RoutesReady goes Unknown, TrafficNotMigrated.
 */
function checkRoutesNotReady(status: ServiceStatusManager, config: Configuration, route: Route): void {
  if (status.conditions.getCondition('RoutesReady')?.status !== 'True') return;
  const specTraffic = route.spec.traffic ?? [];
  const statusTraffic = route.status?.traffic ?? [];
  if (specTraffic.length !== statusTraffic.length) {
    status.markRouteNotYetReady();
    return;
  }
  const configName = config.metadata?.name;
  const comparable = (t: TrafficTarget): TrafficTarget => {
    const { url: _url, latestRevision: _latest, ...rest } = t;
    return rest;
  };
  const want = specTraffic.map((t) => {
    if (t.configurationName !== configName) return comparable(t);
    const { configurationName: _c, ...rest } = comparable(t);
    return { ...rest, revisionName: config.status?.latestReadyRevisionName ?? '' };
  });
  if (!semanticEqual(want, statusTraffic.map(comparable))) status.markRouteNotYetReady();
}
