// Objects the DomainMapping reconciler tests seed and expect, with stable uids.
import { core, networking, parseConfigDomain, serving, type Condition, type ConditionStatus, type DomainMapping, type DomainMappingStatus, type Ingress, type IngressStatus, type Service } from '@knot/api';
import type { TableEnv } from '@knot/runtime/testing';
import { DEFAULT_ROUTE_CONFIG, type RouteConfig } from '../../route/route-config.js';
import { DomainMappingReconciler } from '../domain-mapping-reconciler.js';
import { makeDomainMappingIngress } from '../resources/make-ingress.js';

export const NS = 'default';
export const T0 = '2024-01-01T00:00:00Z';
export const CONFIG: RouteConfig = { ...DEFAULT_ROUTE_CONFIG, domain: parseConfigDomain({ 'example.com': '' }) };

export function makeDomainMappingReconciler({ client, informers, ctx }: TableEnv): DomainMappingReconciler {
  const config = (ctx.config as RouteConfig | undefined) ?? CONFIG;
  return new DomainMappingReconciler({
    client,
    mappings: informers.listerFor(serving.domainMappings),
    ingresses: informers.listerFor(networking.ingresses),
    services: informers.listerFor(serving.services),
    routes: informers.listerFor(serving.routes),
    config: () => config,
  });
}

export interface MappingOptions {
  namespace?: string;
  ref?: DomainMapping['spec']['ref'];
  tls?: string;
  created?: string;
  annotations?: Record<string, string>;
  status?: DomainMappingStatus;
}

export function mapping(name = 'hello.example.org', opts: MappingOptions = {}): DomainMapping {
  const namespace = opts.namespace ?? NS;
  return {
    apiVersion: 'serving.knative.dev/v1beta1',
    kind: 'DomainMapping',
    metadata: {
      namespace,
      name,
      uid: `dm-${namespace}-${name}`,
      generation: 1,
      creationTimestamp: opts.created ?? T0,
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
    },
    spec: { ref: opts.ref ?? { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello', namespace }, ...(opts.tls ? { tls: { secretName: opts.tls } } : {}) },
    ...(opts.status ? { status: opts.status } : {}),
  };
}

/** A Knative Service with `address` as its address url; null for none yet. */
export function ksvc(name = 'hello', address: string | null = `http://${name}.${NS}.svc.cluster.local`, namespace = NS): Service {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { namespace, name, uid: `ksvc-${namespace}-${name}`, generation: 1 },
    spec: { template: { spec: { containers: [{ name: 'user-container', image: 'img' }] } } },
    status: { observedGeneration: 1, url: `http://${name}.${namespace}.example.com`, ...(address ? { address: { url: address } } : {}) },
  };
}

export function cond(type: string, status: ConditionStatus, reason?: string, message?: string): Condition {
  return { type, status, lastTransitionTime: T0, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

/** The mapping's status with these conditions (sorted by type) and its url. */
export function dmStatus(url: string, c: { claimed?: Condition; resolved?: Condition; ingress?: Condition; ready?: Condition; cert?: Condition }): DomainMappingStatus {
  return {
    observedGeneration: 1,
    url,
    address: { url },
    conditions: [
      c.cert ?? cond('CertificateProvisioned', 'True', 'TLSNotEnabled', 'external-domain-tls is not enabled'),
      c.claimed ?? cond('DomainClaimed', 'True'),
      c.ingress ?? cond('IngressReady', 'True'),
      c.ready ?? cond('Ready', 'True'),
      c.resolved ?? cond('ReferenceResolved', 'True'),
    ],
  };
}

export function dmIngress(dm: DomainMapping, backend = 'hello', status?: IngressStatus): Ingress {
  const namespace = dm.metadata?.namespace ?? NS;
  const ing = makeDomainMappingIngress({
    mapping: dm,
    backendService: backend,
    targetHost: `${backend}.${namespace}.svc.cluster.local`,
    ingressClass: CONFIG.network.ingressClass,
    httpOption: 'Enabled',
    tls: dm.spec.tls ? [{ hosts: [dm.metadata?.name ?? ''], secretName: dm.spec.tls.secretName, secretNamespace: namespace }] : [],
  });
  return { ...ing, metadata: { ...ing.metadata, generation: 1 }, ...(status ? { status } : {}) };
}

export const readyIngress: IngressStatus = { observedGeneration: 1, conditions: [cond('Ready', 'True')] };

export function withStatus(dm: DomainMapping, status: DomainMappingStatus): DomainMapping {
  return { ...structuredClone(dm), status };
}

/** A Kubernetes Service of the namespace. */
export const k8sService = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: NS, name } });
export const KINDS = [serving.domainMappings, serving.services, serving.routes, networking.ingresses, core.services] as const;
