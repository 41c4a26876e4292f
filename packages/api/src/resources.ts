import type { ConfigMap, Endpoints, Event, Namespace, Pod, Secret, ServiceAccount, Service as K8sService } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from 'kubernetes-types/admissionregistration/v1.js';
import type { CustomResourceDefinition as K8sCustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import type { Metric, PodAutoscaler } from './autoscaling/index.js';
import type { Broker, EventType, Trigger } from './eventing/index.js';
import type { Parallel, Sequence } from './flows/index.js';
import type { Channel, InMemoryChannel, Subscription } from './messaging/index.js';
import type { Certificate, Ingress, ServerlessService } from './networking/index.js';
import type { Configuration, Revision, Route, Service } from './serving/v1/index.js';
import type { DomainMapping } from './serving/v1beta1/index.js';
import type { ApiServerSource, ContainerSource, PingSource, SinkBinding } from './sources/index.js';
import { defineResource, type ResourceType } from './resource-type.js';

// The kinds knot reads and writes, grouped by API group. The type parameters are
// the resource shapes from this package (core kinds come from kubernetes-types).
// Usage: `client.get(serving.services, 'default', 'hello')`.

export const serving = {
  services: defineResource<Service>({ group: 'serving.knative.dev', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, hasStatus: true, shortNames: ['kservice', 'ksvc'] }),
  configurations: defineResource<Configuration>({ group: 'serving.knative.dev', version: 'v1', kind: 'Configuration', plural: 'configurations', namespaced: true, hasStatus: true, shortNames: ['config', 'cfg'] }),
  revisions: defineResource<Revision>({ group: 'serving.knative.dev', version: 'v1', kind: 'Revision', plural: 'revisions', namespaced: true, hasStatus: true, shortNames: ['rev'] }),
  routes: defineResource<Route>({ group: 'serving.knative.dev', version: 'v1', kind: 'Route', plural: 'routes', namespaced: true, hasStatus: true, shortNames: ['rt', 'kroute'] }),
  domainMappings: defineResource<DomainMapping>({ group: 'serving.knative.dev', version: 'v1beta1', kind: 'DomainMapping', plural: 'domainmappings', namespaced: true, hasStatus: true, shortNames: ['dm'] }),
} as const;

export const autoscaling = {
  podAutoscalers: defineResource<PodAutoscaler>({ group: 'autoscaling.internal.knative.dev', version: 'v1alpha1', kind: 'PodAutoscaler', plural: 'podautoscalers', namespaced: true, hasStatus: true, shortNames: ['kpa', 'pa'] }),
  metrics: defineResource<Metric>({ group: 'autoscaling.internal.knative.dev', version: 'v1alpha1', kind: 'Metric', plural: 'metrics', namespaced: true, hasStatus: true }),
} as const;

export const networking = {
  ingresses: defineResource<Ingress>({ group: 'networking.internal.knative.dev', version: 'v1alpha1', kind: 'Ingress', plural: 'ingresses', namespaced: true, hasStatus: true, shortNames: ['kingress', 'king'] }),
  serverlessServices: defineResource<ServerlessService>({ group: 'networking.internal.knative.dev', version: 'v1alpha1', kind: 'ServerlessService', plural: 'serverlessservices', namespaced: true, hasStatus: true, shortNames: ['sks'] }),
  certificates: defineResource<Certificate>({ group: 'networking.internal.knative.dev', version: 'v1alpha1', kind: 'Certificate', plural: 'certificates', namespaced: true, hasStatus: true, shortNames: ['kcert'] }),
} as const;

export const eventing = {
  brokers: defineResource<Broker>({ group: 'eventing.knative.dev', version: 'v1', kind: 'Broker', plural: 'brokers', namespaced: true, hasStatus: true }),
  triggers: defineResource<Trigger>({ group: 'eventing.knative.dev', version: 'v1', kind: 'Trigger', plural: 'triggers', namespaced: true, hasStatus: true }),
  eventTypes: defineResource<EventType>({ group: 'eventing.knative.dev', version: 'v1beta3', kind: 'EventType', plural: 'eventtypes', namespaced: true, hasStatus: true }),
} as const;

export const messaging = {
  channels: defineResource<Channel>({ group: 'messaging.knative.dev', version: 'v1', kind: 'Channel', plural: 'channels', namespaced: true, hasStatus: true, shortNames: ['ch'] }),
  inMemoryChannels: defineResource<InMemoryChannel>({ group: 'messaging.knative.dev', version: 'v1', kind: 'InMemoryChannel', plural: 'inmemorychannels', namespaced: true, hasStatus: true, shortNames: ['imc'] }),
  subscriptions: defineResource<Subscription>({ group: 'messaging.knative.dev', version: 'v1', kind: 'Subscription', plural: 'subscriptions', namespaced: true, hasStatus: true, shortNames: ['sub'] }),
} as const;

export const flows = {
  sequences: defineResource<Sequence>({ group: 'flows.knative.dev', version: 'v1', kind: 'Sequence', plural: 'sequences', namespaced: true, hasStatus: true }),
  parallels: defineResource<Parallel>({ group: 'flows.knative.dev', version: 'v1', kind: 'Parallel', plural: 'parallels', namespaced: true, hasStatus: true }),
} as const;

export const sources = {
  pingSources: defineResource<PingSource>({ group: 'sources.knative.dev', version: 'v1', kind: 'PingSource', plural: 'pingsources', namespaced: true, hasStatus: true }),
  apiServerSources: defineResource<ApiServerSource>({ group: 'sources.knative.dev', version: 'v1', kind: 'ApiServerSource', plural: 'apiserversources', namespaced: true, hasStatus: true }),
  containerSources: defineResource<ContainerSource>({ group: 'sources.knative.dev', version: 'v1', kind: 'ContainerSource', plural: 'containersources', namespaced: true, hasStatus: true }),
  sinkBindings: defineResource<SinkBinding>({ group: 'sources.knative.dev', version: 'v1', kind: 'SinkBinding', plural: 'sinkbindings', namespaced: true, hasStatus: true }),
} as const;

/** Built-in Kubernetes kinds knot uses; shapes from kubernetes-types. */
export const core = {
  namespaces: defineResource<Namespace>({ group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, hasStatus: true, shortNames: ['ns'] }),
  pods: defineResource<Pod>({ group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, hasStatus: true, shortNames: ['po'] }),
  services: defineResource<K8sService>({ group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, hasStatus: true, shortNames: ['svc'] }),
  endpoints: defineResource<Endpoints>({ group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, hasStatus: false, shortNames: ['ep'] }),
  configMaps: defineResource<ConfigMap>({ group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, hasStatus: false, shortNames: ['cm'] }),
  secrets: defineResource<Secret>({ group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true, hasStatus: false }),
  events: defineResource<Event>({ group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true, hasStatus: false, shortNames: ['ev'] }),
  serviceAccounts: defineResource<ServiceAccount>({ group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, hasStatus: false, shortNames: ['sa'] }),
} as const;

export const apps = {
  deployments: defineResource<Deployment>({ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, hasStatus: true, shortNames: ['deploy'] }),
} as const;

export const coordination = {
  leases: defineResource<Lease>({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true, hasStatus: false }),
} as const;

export const hpa = {
  horizontalPodAutoscalers: defineResource<HorizontalPodAutoscaler>({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', namespaced: true, hasStatus: true, shortNames: ['hpa'] }),
} as const;

/** Where the webhook registers itself and patches its CA bundle. */
export const admissionregistration = {
  mutatingWebhookConfigurations: defineResource<MutatingWebhookConfiguration>({ group: 'admissionregistration.k8s.io', version: 'v1', kind: 'MutatingWebhookConfiguration', plural: 'mutatingwebhookconfigurations', namespaced: false, hasStatus: false }),
  validatingWebhookConfigurations: defineResource<ValidatingWebhookConfiguration>({ group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration', plural: 'validatingwebhookconfigurations', namespaced: false, hasStatus: false }),
} as const;

export const apiextensions = {
  customResourceDefinitions: defineResource<K8sCustomResourceDefinition>({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false, hasStatus: true, shortNames: ['crd', 'crds'] }),
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
  ...Object.values(admissionregistration),
  ...Object.values(apiextensions),
];

export const ALL_RESOURCES: readonly ResourceType[] = [...KNATIVE_RESOURCES, ...BUILTIN_RESOURCES];
