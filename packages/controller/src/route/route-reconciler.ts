import {
  EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE,
  manageRouteStatus,
  ROUTE_LABEL_KEY,
  TLS_NOT_ENABLED_FOR_CLUSTER_LOCAL_MESSAGE,
  type Configuration,
  type Ingress,
  type IngressVisibility,
  type Revision,
  type Route,
  type RouteStatusManager,
} from '@knot/api';
import type { Client, KindReconciler, Lister, ReconcileContext, ReconcileResult } from '@knot/runtime';
import type { Endpoints, Service as K8sService } from 'kubernetes-types/core/v1.js';
import { messageOf } from '../error-context.js';
import { clusterDomainOf, DEFAULT_TARGET, DomainNameError, serviceHostname, trafficURL } from './domains/domains.js';
import { resolveVisibility, visibilityOf } from './domains/visibility.js';
import { isIngressReady, reconcileIngress } from './reconcile-ingress.js';
import { reconcilePlaceholderServices, updatePlaceholderServices } from './reconcile-services.js';
import { ingressClassFor, routeMeta } from './resources/route-meta.js';
import type { RouteConfig } from './route-config.js';
import { buildTrafficConfiguration, type TrafficConfig } from './traffic/build-traffic.js';
import { rolloutDone, type Rollout } from './traffic/rollout.js';
import { revisionTrafficTargets } from './traffic/traffic-status.js';

export interface RouteReconcilerOptions {
  client: Client;
  configurations: Lister<Configuration>;
  revisions: Lister<Revision>;
  services: Lister<K8sService>;
  endpoints: Lister<Endpoints>;
  ingresses: Lister<Ingress>;
  /** The config snapshot for one reconcile. */
  config: () => RouteConfig;
}

/** AllTrafficAssigned's reason when the domain or tag template cannot be rendered for this route. */
const ERROR_CONFIG_REASON = 'ErrorConfig';

/**
 * Realises a Route (Knative's route reconciler): flattens its traffic to
 * ready revisions, reserves a K8s Service per traffic group, programs one
 * Ingress (stepping gradual rollouts), points the Services at the Ingress's
 * load balancer, and reports url, address, traffic and conditions.
 */
export class RouteReconciler implements KindReconciler<Route> {
  readonly #o: RouteReconcilerOptions;

  constructor(opts: RouteReconcilerOptions) {
    this.#o = opts;
  }

  async reconcileKind(route: Route, ctx: ReconcileContext): Promise<void | ReconcileResult> {
    const config = this.#o.config();
    const status = manageRouteStatus(route, { now: () => ctx.clock.now() });
    // A new generation is not Ready until its Ingress has been programmed.
    if ((route.metadata?.generation ?? 0) !== (route.status?.observedGeneration ?? 0)) status.markIngressNotConfigured();

    const configured = this.#configureTraffic(config, route, status);
    if (!configured) return;
    const { traffic, visibility } = configured;
    const ns = route.metadata?.namespace ?? '';
    (route.status ??= {}).address = { url: `http://${serviceHostname(route.metadata?.name ?? '', ns, clusterDomainOf(config))}` };

    const services = await reconcilePlaceholderServices(this.#o, config, route, [...traffic.targets.keys()], status, ctx);
    markTLS(config, visibility, status);

    const outcome = await reconcileIngress(this.#o, { route, traffic, visibility, config, ingressClass: ingressClassFor(config.network, route.metadata?.annotations) }, ctx);
    const inProgress = !rolloutDone(outcome.rollout);
    if ((outcome.ingress.metadata?.generation ?? 0) !== (outcome.ingress.status?.observedGeneration ?? 0)) status.markIngressNotConfigured();
    else if (!inProgress) status.propagateIngressStatus(outcome.ingress.status);

    await updatePlaceholderServices(this.#o, config, route, services, outcome.ingress);

    if (inProgress) {
      // Ready waits for the rollout; status.traffic shows the split as it is now.
      status.markIngressRolloutInProgress();
      route.status.traffic = this.#statusTraffic(config, route, traffic, visibility, outcome.rollout);
      ctx.logger.info({ ingressReady: isIngressReady(outcome.ingress) }, 'rollout in progress');
    }
    return outcome.nextStepIn === undefined ? undefined : { requeueAfter: outcome.nextStepIn };
  }

  /**
   * Resolves the traffic, sets url, and on success status.traffic and
   * AllTrafficAssigned. Undefined when a target cannot take traffic yet (its
   * condition says why); throws for a domain that cannot be rendered.
   */
  #configureTraffic(config: RouteConfig, route: Route, status: RouteStatusManager): { traffic: TrafficConfig; visibility: Map<string, IngressVisibility> } | undefined {
    const ns = route.metadata?.namespace;
    const { config: traffic, error } = buildTrafficConfiguration(route, {
      configuration: (name) => this.#o.configurations.get(ns, name),
      revision: (name) => this.#o.revisions.get(ns, name),
    });
    try {
      const visibility = resolveVisibility(config, route, this.#o.services.list(ns, `${ROUTE_LABEL_KEY}=${route.metadata?.name ?? ''}`));
      (route.status ??= {}).url = trafficURL(config, routeMeta(route), DEFAULT_TARGET, visibilityOf(visibility, DEFAULT_TARGET));
      if (error) {
        error.markBadTrafficTarget(status);
        return undefined;
      }
      route.status.traffic = this.#statusTraffic(config, route, traffic, visibility, {});
      status.markTrafficAssigned();
      return { traffic, visibility };
    } catch (err) {
      if (err instanceof DomainNameError) status.markRevisionTargetTrafficError(ERROR_CONFIG_REASON, err.message);
      else status.markUnknownTrafficError(messageOf(err));
      throw err;
    }
  }

  #statusTraffic(config: RouteConfig, route: Route, traffic: TrafficConfig, visibility: ReadonlyMap<string, IngressVisibility>, rollout: Rollout) {
    return revisionTrafficTargets(traffic, rollout, (tag) => trafficURL(config, routeMeta(route), tag, visibilityOf(visibility, tag)));
  }
}

/**
 * knot provisions no certificates (Knative delegates that to a certificate
 * controller knot does not ship), so CertificateProvisioned always reports TLS
 * as not enabled, with Knative's message for the case at hand.
 */
function markTLS(config: RouteConfig, visibility: ReadonlyMap<string, IngressVisibility>, status: RouteStatusManager): void {
  const allLocal = [...visibility.values()].every((v) => v === 'ClusterLocal');
  status.markTLSNotEnabled(config.network.externalDomainTLS && allLocal ? TLS_NOT_ENABLED_FOR_CLUSTER_LOCAL_MESSAGE : EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE);
}
