// Objects for the SKS table tests, spelled out as they should look on the API server.
import type { Condition, ServerlessService, ServerlessServiceStatus } from '@knot/api';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { EndpointPort, EndpointSubset, Endpoints, Service as K8sService } from 'kubernetes-types/core/v1.js';

export const NS = 'ns';
export const NAME = 'hello-00001';
export const T0 = '2024-01-01T00:00:00Z';
const SKS_UID = 'sks-uid';
const REVISION_LABELS = { 'serving.knative.dev/revision': NAME, 'serving.knative.dev/configuration': 'hello' };

const ownerRef = { apiVersion: 'networking.internal.knative.dev/v1alpha1', kind: 'ServerlessService', name: NAME, uid: SKS_UID, controller: true, blockOwnerDeletion: true };
export const owner = [ownerRef];
const strangerOwner = [{ ...ownerRef, uid: 'someone-else' }];

export function sks(spec: Partial<ServerlessService['spec']> = {}, status?: ServerlessServiceStatus): ServerlessService {
  return {
    apiVersion: 'networking.internal.knative.dev/v1alpha1',
    kind: 'ServerlessService',
    metadata: { namespace: NS, name: NAME, uid: SKS_UID, generation: 1, labels: REVISION_LABELS },
    spec: { mode: 'Serve', objectRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${NAME}-deployment` }, protocolType: 'http1', ...spec },
    ...(status ? { status } : {}),
  };
}

export function deployment(matchLabels: Record<string, string> = { 'serving.knative.dev/revisionUID': 'rev-uid' }): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace: NS, name: `${NAME}-deployment` },
    spec: { selector: { matchLabels }, template: { metadata: { labels: { ...matchLabels, ...REVISION_LABELS } }, spec: { containers: [] } } },
  };
}

const childLabels = (type: string) => ({ ...REVISION_LABELS, 'networking.internal.knative.dev/serverlessservice': NAME, 'networking.internal.knative.dev/serviceType': type });

export function privateService(opts: { selector?: Record<string, string>; stranger?: boolean } = {}): K8sService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: NS, name: `${NAME}-private`, labels: childLabels('Private'), ownerReferences: opts.stranger ? strangerOwner : owner },
    spec: {
      ports: [
        { name: 'http', protocol: 'TCP', port: 80, targetPort: 8012 },
        { name: 'https', protocol: 'TCP', port: 443, targetPort: 8112 },
        { name: 'http-autometric', protocol: 'TCP', port: 9090, targetPort: 'http-autometric' },
        { name: 'http-usermetric', protocol: 'TCP', port: 9091, targetPort: 'http-usermetric' },
        { name: 'http-istio', protocol: 'TCP', port: 8012, targetPort: 8012 },
      ],
      selector: opts.selector ?? { 'serving.knative.dev/revisionUID': 'rev-uid' },
    },
  };
}

export function publicService(ports?: K8sService['spec']): K8sService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: NS, name: NAME, labels: childLabels('Public'), ownerReferences: owner },
    spec: ports ?? {
      ports: [
        { name: 'http', protocol: 'TCP', port: 80, targetPort: 8012 },
        { name: 'https', protocol: 'TCP', port: 443, targetPort: 8112 },
      ],
    },
  };
}

const allPorts: EndpointPort[] = [
  { name: 'http', port: 8012 },
  { name: 'https', port: 8112 },
  { name: 'http-autometric', port: 9090 },
];
/** The ports an SKS copies into its public endpoints. */
const servingPorts: EndpointPort[] = [
  { name: 'http', port: 8012 },
  { name: 'https', port: 8112 },
];

const subset = (ips: readonly string[], ports: EndpointPort[], notReady: readonly string[] = []): EndpointSubset => ({
  ...(ips.length > 0 ? { addresses: ips.map((ip) => ({ ip })) } : {}),
  ...(notReady.length > 0 ? { notReadyAddresses: notReady.map((ip) => ({ ip })) } : {}),
  ports,
});

/** The private service's Endpoints as Kubernetes writes them: the pods, with every service port. */
export function podEndpoints(ips: readonly string[], notReady: readonly string[] = []): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { namespace: NS, name: `${NAME}-private`, labels: childLabels('Private') },
    ...(ips.length + notReady.length > 0 ? { subsets: [subset(ips, allPorts, notReady)] } : {}),
  };
}

export function activatorEndpoints(ips: readonly string[]): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { namespace: 'knative-serving', name: 'activator-service' },
    ...(ips.length > 0 ? { subsets: [subset(ips, [...allPorts, { name: 'http2', port: 8013 }])] } : {}),
  };
}

/** The public Endpoints the SKS writes: `ips` with the serving ports only. */
export function publicEndpoints(ips: readonly string[], opts: { notReady?: readonly string[]; stranger?: boolean } = {}): Endpoints {
  const notReady = opts.notReady ?? [];
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { namespace: NS, name: NAME, labels: childLabels('Public'), ownerReferences: opts.stranger ? strangerOwner : owner },
    ...(ips.length + notReady.length > 0 ? { subsets: [subset(ips, servingPorts, notReady)] } : {}),
  };
}

const activatorCondition = (status: 'True' | 'False'): Condition => ({
  type: 'ActivatorEndpointsPopulated',
  status,
  severity: 'Info',
  lastTransitionTime: T0,
  reason: 'ActivatorEndpointsPopulated',
  message: 'Revision is backed by Activator',
});
const names = { serviceName: NAME, privateServiceName: `${NAME}-private` };

/** Pods back the revision. */
export function serving(activator: 'True' | 'False' = 'False'): ServerlessServiceStatus {
  return {
    observedGeneration: 1,
    ...names,
    conditions: [activatorCondition(activator), { type: 'EndpointsPopulated', status: 'True', lastTransitionTime: T0 }, { type: 'Ready', status: 'True', lastTransitionTime: T0 }],
  };
}

/** No ready pod: the activator (if any) backs the revision. */
export function noHealthyBackends(): ServerlessServiceStatus {
  const unknown = { status: 'Unknown' as const, lastTransitionTime: T0, reason: 'NoHealthyBackends', message: 'K8s Service is not ready' };
  return {
    observedGeneration: 1,
    ...names,
    conditions: [activatorCondition('True'), { type: 'EndpointsPopulated', ...unknown }, { type: 'Ready', ...unknown }],
  };
}

/** A serving SKS that found a child controlled by another owner. */
export function notOwned(kind: string, name: string): ServerlessServiceStatus {
  const failed = { status: 'False' as const, lastTransitionTime: T0, reason: 'NotOwned', message: `Resource ${name} of type ${kind} is not owned by SKS` };
  return { ...serving(), conditions: [activatorCondition('False'), { type: 'EndpointsPopulated', ...failed }, { type: 'Ready', ...failed }] };
}

/** A new SKS whose first reconcile failed before deciding anything. */
export function failedFirstReconcile(): ServerlessServiceStatus {
  const unknown = { status: 'Unknown' as const, lastTransitionTime: T0 };
  return {
    observedGeneration: 1,
    conditions: [
      { type: 'EndpointsPopulated', ...unknown },
      { type: 'Ready', ...unknown, reason: 'NewObservedGenFailure', message: 'unsuccessfully observed a new generation' },
    ],
  };
}
