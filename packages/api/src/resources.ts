import type { KubeObject } from './object.js';
import { defineResource, type ResourceType } from './resource-type.js';

// The kinds knot reads and writes, grouped by API group. The type parameters are
// the resource shapes from this package (core kinds come from kubernetes-types).
// Usage: `client.get(serving.services, 'default', 'hello')`.

export const serving = {
  services: defineResource<KubeObject>({ group: 'serving.knative.dev', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, hasStatus: true, shortNames: ['kservice', 'ksvc'] }),
  configurations: defineResource<KubeObject>({ group: 'serving.knative.dev', version: 'v1', kind: 'Configuration', plural: 'configurations', namespaced: true, hasStatus: true, shortNames: ['config', 'cfg'] }),
  revisions: defineResource<KubeObject>({ group: 'serving.knative.dev', version: 'v1', kind: 'Revision', plural: 'revisions', namespaced: true, hasStatus: true, shortNames: ['rev'] }),
  routes: defineResource<KubeObject>({ group: 'serving.knative.dev', version: 'v1', kind: 'Route', plural: 'routes', namespaced: true, hasStatus: true, shortNames: ['rt', 'kroute'] }),
  domainMappings: defineResource<KubeObject>({ group: 'serving.knative.dev', version: 'v1beta1', kind: 'DomainMapping', plural: 'domainmappings', namespaced: true, hasStatus: true, shortNames: ['dm'] }),
} as const;

export const autoscaling = {
  podAutoscalers: defineResource<KubeObject>({ group: 'autoscaling.internal.knative.dev', version: 'v1alpha1', kind: 'PodAutoscaler', plural: 'podautoscalers', namespaced: true, hasStatus: true, shortNames: ['kpa', 'pa'] }),
  metrics: defineResource<KubeObject>({ group: 'autoscaling.internal.knative.dev', version: 'v1alpha1', kind: 'Metric', plural: 'metrics', namespaced: true, hasStatus: true }),
} as const;

export const networking = {
  ingresses: defineResource<KubeObject>({ group: 'networking.internal.knative.dev', version: 'v1alpha1', kind: 'Ingress', plural: 'ingresses', namespaced: true, hasStatus: true, shortNames: ['kingress', 'king'] }),
  serverlessServices: defineResource<KubeObject>({ group: 'networking.internal.knative.dev', version: 'v1alpha1', kind: 'ServerlessService', plural: 'serverlessservices', namespaced: true, hasStatus: true, shortNames: ['sks'] }),
  certificates: defineResource<KubeObject>({ group: 'networking.internal.knative.dev', version: 'v1alpha1', kind: 'Certificate', plural: 'certificates', namespaced: true, hasStatus: true, shortNames: ['kcert'] }),
} as const;

export const eventing = {
  brokers: defineResource<KubeObject>({ group: 'eventing.knative.dev', version: 'v1', kind: 'Broker', plural: 'brokers', namespaced: true, hasStatus: true }),
  triggers: defineResource<KubeObject>({ group: 'eventing.knative.dev', version: 'v1', kind: 'Trigger', plural: 'triggers', namespaced: true, hasStatus: true }),
  eventTypes: defineResource<KubeObject>({ group: 'eventing.knative.dev', version: 'v1beta3', kind: 'EventType', plural: 'eventtypes', namespaced: true, hasStatus: true }),
} as const;

export const messaging = {
  channels: defineResource<KubeObject>({ group: 'messaging.knative.dev', version: 'v1', kind: 'Channel', plural: 'channels', namespaced: true, hasStatus: true, shortNames: ['ch'] }),
  inMemoryChannels: defineResource<KubeObject>({ group: 'messaging.knative.dev', version: 'v1', kind: 'InMemoryChannel', plural: 'inmemorychannels', namespaced: true, hasStatus: true, shortNames: ['imc'] }),
  subscriptions: defineResource<KubeObject>({ group: 'messaging.knative.dev', version: 'v1', kind: 'Subscription', plural: 'subscriptions', namespaced: true, hasStatus: true, shortNames: ['sub'] }),
} as const;

export const flows = {
  sequences: defineResource<KubeObject>({ group: 'flows.knative.dev', version: 'v1', kind: 'Sequence', plural: 'sequences', namespaced: true, hasStatus: true }),
  parallels: defineResource<KubeObject>({ group: 'flows.knative.dev', version: 'v1', kind: 'Parallel', plural: 'parallels', namespaced: true, hasStatus: true }),
} as const;

export const sources = {
  pingSources: defineResource<KubeObject>({ group: 'sources.knative.dev', version: 'v1', kind: 'PingSource', plural: 'pingsources', namespaced: true, hasStatus: true }),
  apiServerSources: defineResource<KubeObject>({ group: 'sources.knative.dev', version: 'v1', kind: 'ApiServerSource', plural: 'apiserversources', namespaced: true, hasStatus: true }),
  containerSources: defineResource<KubeObject>({ group: 'sources.knative.dev', version: 'v1', kind: 'ContainerSource', plural: 'containersources', namespaced: true, hasStatus: true }),
  sinkBindings: defineResource<KubeObject>({ group: 'sources.knative.dev', version: 'v1', kind: 'SinkBinding', plural: 'sinkbindings', namespaced: true, hasStatus: true }),
} as const;

/** Built-in Kubernetes kinds knot uses; shapes from kubernetes-types. */
export const core = {
  namespaces: defineResource<KubeObject>({ group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, hasStatus: true, shortNames: ['ns'] }),
  pods: defineResource<KubeObject>({ group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, hasStatus: true, shortNames: ['po'] }),
  services: defineResource<KubeObject>({ group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, hasStatus: true, shortNames: ['svc'] }),
  endpoints: defineResource<KubeObject>({ group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, hasStatus: false, shortNames: ['ep'] }),
  configMaps: defineResource<KubeObject>({ group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, hasStatus: false, shortNames: ['cm'] }),
  secrets: defineResource<KubeObject>({ group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true, hasStatus: false }),
  events: defineResource<KubeObject>({ group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true, hasStatus: false, shortNames: ['ev'] }),
  serviceAccounts: defineResource<KubeObject>({ group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, hasStatus: false, shortNames: ['sa'] }),
} as const;

export const apps = {
  deployments: defineResource<KubeObject>({ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, hasStatus: true, shortNames: ['deploy'] }),
} as const;

export const coordination = {
  leases: defineResource<KubeObject>({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true, hasStatus: false }),
} as const;

export const hpa = {
  horizontalPodAutoscalers: defineResource<KubeObject>({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', namespaced: true, hasStatus: true, shortNames: ['hpa'] }),
} as const;

/** The kinds knot defines as CRDs. */
export const KNATIVE_RESOURCES: readonly ResourceType[] = [
  ...Object.values(serving),
  ...Object.values(autoscaling),
  ...Object.values(networking),
  ...Object.values(eventing),
  ...Object.values(messaging),
  ...Object.values(flows),
  ...Object.values(sources),
];

/** Built-in kinds served by Kubernetes itself (and by knot's local API). */
export const BUILTIN_RESOURCES: readonly ResourceType[] = [
  ...Object.values(core),
  ...Object.values(apps),
  ...Object.values(coordination),
  ...Object.values(hpa),
];

export const ALL_RESOURCES: readonly ResourceType[] = [...KNATIVE_RESOURCES, ...BUILTIN_RESOURCES];
