// Objects the Route reconciler tests seed and expect, with stable uids.
import {
  parseConfigDomain,
  parseConfigFeatures,
  parseConfigNetwork,
  type Condition,
  type ConditionStatus,
  type Configuration,
  type Ingress,
  type IngressStatus,
  type Revision,
  type Route,
  type RouteStatus,
  type TrafficTarget,
} from '@knot/api';
import type { Endpoints, Service as K8sService } from 'kubernetes-types/core/v1.js';
import { resolveVisibility } from '../domains/visibility.js';
import { makeIngress } from '../resources/make-ingress.js';
import { makeK8sService, makePlaceholderService } from '../resources/make-service.js';
import { DEFAULT_ROUTE_CONFIG, type RouteConfig } from '../route-config.js';
import { buildTrafficConfiguration } from '../traffic/build-traffic.js';
import { buildRollout, type Rollout } from '../traffic/rollout.js';

export const NS = 'default';
export const T0 = '2024-01-01T00:00:00Z';
/** The fake clock's start, in Unix nanoseconds as rollout annotations hold time. */
export const T0_NS = Date.parse(T0) * 1e6;
export const GATEWAY = 'knot-gateway.knative-serving.svc.cluster.local';

/** config-domain with a public domain, as most clusters have. */
export function routeConfig(network: Record<string, string> = {}, features: Record<string, string> = {}, domain: Record<string, string> = { 'example.com': '' }): RouteConfig {
  return { ...DEFAULT_ROUTE_CONFIG, network: parseConfigNetwork(network), domain: parseConfigDomain(domain), features: parseConfigFeatures(features) };
}

export interface RouteOptions {
  traffic?: TrafficTarget[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  generation?: number;
  status?: RouteStatus;
}

export function route(name = 'hello', opts: RouteOptions = {}): Route {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Route',
    metadata: {
      namespace: NS,
      name,
      uid: `route-${name}`,
      generation: opts.generation ?? 1,
      ...(opts.labels ? { labels: opts.labels } : {}),
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
    },
    spec: { traffic: opts.traffic ?? [{ configurationName: name, latestRevision: true, percent: 100 }] },
    ...(opts.status ? { status: opts.status } : {}),
  };
}

export function configuration(name: string, latestReady?: string, ready: ConditionStatus = 'True'): Configuration {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Configuration',
    metadata: { namespace: NS, name, uid: `cfg-${name}`, generation: 1 },
    spec: { template: { spec: { containers: [{ name: 'user-container', image: 'img' }] } } },
    status: { observedGeneration: 1, ...(latestReady ? { latestReadyRevisionName: latestReady, latestCreatedRevisionName: latestReady } : {}), conditions: [cond('Ready', ready)] },
  };
}

export function revision(name: string, config: string, ready: ConditionStatus = 'True', labels: Record<string, string> = {}): Revision {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Revision',
    metadata: { namespace: NS, name, uid: `rev-${name}`, generation: 1, labels: { 'serving.knative.dev/configuration': config, ...labels } },
    spec: { containers: [{ name: 'user-container', image: 'img' }] },
    status: { observedGeneration: 1, conditions: [cond('Ready', ready)] },
  };
}

export function cond(type: string, status: ConditionStatus, reason?: string, message?: string): Condition {
  return { type, status, lastTransitionTime: T0, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

/** The route's conditions in the order the status keeps them. */
export function routeConditions(traffic: Condition, ingress: Condition, ready: Condition, cert: Condition = cond('CertificateProvisioned', 'True', 'TLSNotEnabled', 'external-domain-tls is not enabled')): Condition[] {
  return [traffic, cert, ingress, ready];
}

export const NOT_CONFIGURED = ['IngressNotConfigured', 'Ingress has not yet been reconciled.'] as const;

/** A Route whose Ingress is programmed and ready. */
export function readyStatus(traffic: TrafficTarget[], url = 'http://hello.default.example.com'): RouteStatus {
  return {
    observedGeneration: 1,
    url,
    address: { url: 'http://hello.default.svc.cluster.local' },
    traffic,
    conditions: routeConditions(cond('AllTrafficAssigned', 'True'), cond('IngressReady', 'True'), cond('Ready', 'True')),
  };
}

export interface IngressOptions {
  config?: RouteConfig;
  rollout?: Rollout;
  status?: IngressStatus;
  generation?: number;
}

/** The Ingress the reconciler builds for `r` over `objects`, with an optional status. */
export function ingress(r: Route, objects: readonly (Configuration | Revision)[], opts: IngressOptions = {}): Ingress {
  const config = opts.config ?? routeConfig();
  const { config: traffic, error } = buildTrafficConfiguration(r, {
    configuration: (n) => objects.find((o): o is Configuration => o.kind === 'Configuration' && o.metadata?.name === n),
    revision: (n) => objects.find((o): o is Revision => o.kind === 'Revision' && o.metadata?.name === n),
  });
  if (error) throw error;
  const built = makeIngress({ route: r, traffic, visibility: resolveVisibility(config, r, []), rollout: opts.rollout ?? buildRollout(traffic), config, ingressClass: config.network.ingressClass });
  return {
    ...built,
    metadata: { ...built.metadata, generation: opts.generation ?? 1 },
    ...(opts.status ? { status: opts.status } : {}),
  };
}

/** An Ingress status: Ready as given, with the gateway as its private load balancer. */
export function ingressStatus(ready: ConditionStatus = 'True', observedGeneration = 1): IngressStatus {
  return {
    observedGeneration,
    conditions: [cond('Ready', ready)],
    privateLoadBalancer: { ingress: [{ domainInternal: GATEWAY }] },
    publicLoadBalancer: { ingress: [{ domain: 'gateway.example.com' }] },
  };
}

export function placeholder(r: Route, tag = '', config = routeConfig()): K8sService {
  return makePlaceholderService(config, r, tag);
}

/** The Service once pointed at the gateway's private load balancer. */
export function gatewayService(r: Route, tag = '', config = routeConfig()): K8sService {
  const pair = makeK8sService(config, r, tag, { spec: {}, status: ingressStatus() }, false);
  if (!pair) throw new Error('no load balancer');
  return pair.service;
}

export function endpoints(name: string, owner?: Route): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      namespace: NS,
      name,
      ...(owner ? { ownerReferences: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Route', name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }] } : {}),
    },
  };
}

/** `r` with `status`. */
export function withStatus(r: Route, status: RouteStatus): Route {
  return { ...structuredClone(r), status };
}
