import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Status } from '../duck/condition.js';

/** Serve plain HTTP (`Enabled`) or redirect it to HTTPS (`Redirected`). */
export type HTTPOption = 'Enabled' | 'Redirected';

/** `ExternalIP` (the default) exposes a rule on the public gateway, `ClusterLocal` only inside the cluster. */
export type IngressVisibility = 'ExternalIP' | 'ClusterLocal';

export interface IngressTLS {
  hosts?: string[];
  secretName?: string;
  /** Defaults to the Ingress's namespace. */
  secretNamespace?: string;
}

/** A header condition; only exact matching is supported. */
export interface HeaderMatch {
  exact: string;
}

/** A Kubernetes Service port: a number or a port name (intstr.IntOrString). */
export type IntOrString = number | string;

export interface IngressBackend {
  serviceNamespace: string;
  serviceName: string;
  servicePort: IntOrString;
}

/** One weighted backend of a path. */
export interface IngressBackendSplit extends IngressBackend {
  /** 0..100; a single split defaults to 100. */
  percent?: number;
  /** Headers added to requests sent to this backend. */
  appendHeaders?: Record<string, string>;
}

export interface HTTPIngressPath {
  /** A literal path prefix starting with `/`; empty matches everything. */
  path?: string;
  /** Replaces the request's Host header (experimental in Knative). */
  rewriteHost?: string;
  /** All must match for the path to apply. */
  headers?: Record<string, HeaderMatch>;
  splits: IngressBackendSplit[];
  /** Headers added to every request matching this path. */
  appendHeaders?: Record<string, string>;
}

export interface HTTPIngressRuleValue {
  /** The first matching path wins. */
  paths: HTTPIngressPath[];
}

export interface IngressRule {
  /** Fully qualified host names; the first matching rule wins. */
  hosts?: string[];
  visibility?: IngressVisibility;
  http?: HTTPIngressRuleValue;
}

export interface IngressSpec {
  tls?: IngressTLS[];
  rules?: IngressRule[];
  httpOption?: HTTPOption;
}

export interface LoadBalancerIngressStatus {
  ip?: string;
  domain?: string;
  /** A cluster-local DNS name for the load balancer. */
  domainInternal?: string;
  /** Set when the Ingress is only load-balanced through a service mesh. */
  meshOnly?: boolean;
}

export interface LoadBalancerStatus {
  ingress?: LoadBalancerIngressStatus[];
}

export interface IngressStatus extends Status {
  publicLoadBalancer?: LoadBalancerStatus;
  privateLoadBalancer?: LoadBalancerStatus;
}

/** Knative's ingress abstraction that gateways implement (networking.internal.knative.dev/v1alpha1 Ingress). */
export interface Ingress {
  apiVersion?: 'networking.internal.knative.dev/v1alpha1';
  kind?: 'Ingress';
  metadata?: ObjectMeta;
  spec: IngressSpec;
  status?: IngressStatus;
}

export const IngressConditions = {
  Ready: 'Ready',
  NetworkConfigured: 'NetworkConfigured',
  LoadBalancerReady: 'LoadBalancerReady',
} as const;
