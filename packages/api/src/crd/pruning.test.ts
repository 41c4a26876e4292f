import type { Addressable, ChannelableStatus, Condition, Destination, DeliverySpec, SubscriberSpec } from '../duck/index.js';
import type { KubeObject } from '../object.js';
import type { ResourceType } from '../resource-type.js';
import { autoscaling, eventing, flows, messaging, networking, serving, sources } from '../resources.js';
import type { SchemaProps } from '../schema/schema-props.js';
import type { RevisionSpec } from '../serving/v1/index.js';
import { buildCrd } from './build-crd.js';
import { prunedPaths } from './pruning.js';

// Every field of knot's types must survive the API server: a fully populated
// object of each kind must lose nothing when pruned against its CRD schema.

const schemaOf = (rt: ResourceType): SchemaProps => buildCrd(rt).spec.versions[0]!.schema.openAPIV3Schema;

const cond: Condition = { type: 'Ready', status: 'True', severity: '', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'Ok', message: 'ok' };
const status = { observedGeneration: 2, conditions: [cond], annotations: { a: 'b' } };
const address: Addressable = { name: 'http', url: 'http://x', CACerts: 'pem', audience: 'aud' };
const ref = { apiVersion: 'v1', kind: 'Service', name: 'n', namespace: 'ns', group: 'g', address: 'a' };
const dest: Destination = { ref, uri: '/p', CACerts: 'pem', audience: 'aud' };
const delivery: DeliverySpec = {
  deadLetterSink: dest,
  retry: 3,
  timeout: 'PT1S',
  backoffPolicy: 'exponential',
  backoffDelay: 'PT0.2S',
  retryAfterMax: 'PT5S',
  format: 'json',
};
const dls = { deadLetterSinkUri: 'http://d', deadLetterSinkCACerts: 'pem', deadLetterSinkAudience: 'aud' };
const auth = { serviceAccountName: 'sa', serviceAccountNames: ['sa'] };
const policies = [{ apiVersion: 'eventing.knative.dev/v1alpha1', name: 'p' }];
const objRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', namespace: 'ns', uid: 'u', resourceVersion: '1', fieldPath: 'spec' };
const selector = { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] };
const sourceStatus = { ...status, sinkUri: 'http://s', sinkCACerts: 'pem', sinkAudience: 'aud', ceAttributes: [{ type: 't', source: 's' }], auth };
const sourceSpec = { sink: dest, ceOverrides: { extensions: { x: 'y' } } };
const channelTemplate = { apiVersion: 'messaging.knative.dev/v1', kind: 'InMemoryChannel', spec: { any: { thing: 1 } } };
const child = (kind: string) => ({ [kind]: objRef, ready: cond });
const subscriber: SubscriberSpec = {
  name: 's', uid: 'u', generation: 1, subscriberUri: 'http://s', subscriberCACerts: 'pem', subscriberAudience: 'aud',
  replyUri: 'http://r', replyCACerts: 'pem', replyAudience: 'aud', delivery, auth,
};
const channelableStatus: ChannelableStatus = { ...status, address, addresses: [address], subscribers: [{ uid: 'u', observedGeneration: 1, ready: 'True', message: 'm', auth }], ...dls, policies };
const filter = { all: [{ exact: { type: 't' } }], any: [{ prefix: { type: 't' } }], not: { suffix: { type: 't' } }, exact: { a: 'b' }, prefix: { a: 'b' }, suffix: { a: 'b' }, cesql: "type = 't'" };

const probe = {
  httpGet: { host: 'h', path: '/healthz', port: 8080, scheme: 'HTTP', httpHeaders: [{ name: 'a', value: 'b' }] },
  exec: { command: ['true'] },
  tcpSocket: { host: 'h', port: 'http' },
  grpc: { port: 9000, service: 's' },
  initialDelaySeconds: 1, timeoutSeconds: 1, periodSeconds: 1, successThreshold: 1, failureThreshold: 3,
};
const revisionSpec: RevisionSpec = {
  containers: [{
    name: 'user', image: 'ghcr.io/x/y', command: ['a'], args: ['b'], workingDir: '/w',
    env: [{ name: 'A', value: 'b' }, { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
    envFrom: [{ configMapRef: { name: 'c' } }],
    ports: [{ name: 'h2c', containerPort: 8080, protocol: 'TCP' }],
    resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m' } },
    livenessProbe: probe, readinessProbe: probe, startupProbe: probe,
    securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
    imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/t', terminationMessagePolicy: 'File',
    volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true, subPath: 's', mountPropagation: 'None' }],
  }],
  volumes: [{ name: 'v', configMap: { name: 'c', items: [{ key: 'k', path: 'p' }] } }, { name: 'e', emptyDir: { medium: 'Memory' } }],
  serviceAccountName: 'sa', imagePullSecrets: [{ name: 'p' }], enableServiceLinks: false, automountServiceAccountToken: false,
  containerConcurrency: 10, timeoutSeconds: 300, responseStartTimeoutSeconds: 30, idleTimeoutSeconds: 0,
  initContainers: [{ name: 'init', image: 'i' }], affinity: { nodeAffinity: {} }, nodeSelector: { a: 'b' },
  tolerations: [{ key: 'k', operator: 'Exists' }], topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'z', whenUnsatisfiable: 'DoNotSchedule' }],
  securityContext: { fsGroup: 1 }, priorityClassName: 'p', runtimeClassName: 'r', schedulerName: 's', dnsPolicy: 'ClusterFirst',
  dnsConfig: { nameservers: ['1.1.1.1'] }, hostAliases: [{ ip: '1.2.3.4', hostnames: ['h'] }],
  hostNetwork: false, hostPID: false, hostIPC: false, shareProcessNamespace: false,
};
const template = { metadata: { name: 'svc-v1', labels: { a: 'b' }, annotations: { 'autoscaling.knative.dev/min-scale': '1' } }, spec: revisionSpec };
const traffic = [{ tag: 't', revisionName: 'r', configurationName: 'c', latestRevision: false, percent: 100, url: 'http://t' }];
const configStatus = { latestCreatedRevisionName: 'a', latestReadyRevisionName: 'a' };
const routeStatus = { url: 'http://u', address, traffic };

interface Case {
  readonly rt: ResourceType;
  readonly object: { spec: unknown; status?: unknown };
}

/** Types the sample against the kind's TypeScript shape, so samples cannot hold fields the types lack. */
function kase<T extends KubeObject & { spec: unknown; status?: unknown }>(rt: ResourceType<T>, object: Pick<T, 'spec' | 'status'>): Case {
  return { rt, object };
}

const cases: readonly Case[] = [
  kase(serving.services, { spec: { template, traffic }, status: { ...status, ...configStatus, ...routeStatus } }),
  kase(serving.configurations, { spec: { template }, status: { ...status, ...configStatus } }),
  kase(serving.revisions, {
    spec: revisionSpec,
    status: { ...status, logUrl: 'http://l', containerStatuses: [{ name: 'user', imageDigest: 'x@sha256:1' }], initContainerStatuses: [], actualReplicas: 1, desiredReplicas: 1 },
  }),
  kase(serving.routes, { spec: { traffic }, status: { ...status, ...routeStatus } }),
  kase(serving.domainMappings, { spec: { ref, tls: { secretName: 's' } }, status: { ...status, url: 'http://u', address } }),
  kase(autoscaling.podAutoscalers, {
    spec: { containerConcurrency: 1, scaleTargetRef: objRef, reachability: 'Reachable', protocolType: 'http1' },
    status: { ...status, serviceName: 's', metricsServiceName: 'm', desiredScale: 1, actualScale: 1 },
  }),
  kase(autoscaling.metrics, { spec: { stableWindow: 6e10, panicWindow: 6e9, scrapeTarget: 's' }, status }),
  kase(networking.ingresses, {
    spec: {
      tls: [{ hosts: ['h'], secretName: 's', secretNamespace: 'ns' }],
      rules: [{
        hosts: ['h'], visibility: 'ClusterLocal',
        http: { paths: [{ path: '/', rewriteHost: 'h', headers: { 'x-a': { exact: 'b' } }, appendHeaders: { a: 'b' },
          splits: [{ serviceNamespace: 'ns', serviceName: 's', servicePort: 80, percent: 100, appendHeaders: { a: 'b' } }] }] },
      }],
      httpOption: 'Redirected',
    },
    status: { ...status, publicLoadBalancer: { ingress: [{ ip: '1.2.3.4', domain: 'd', domainInternal: 'di', meshOnly: false }] }, privateLoadBalancer: { ingress: [] } },
  }),
  kase(networking.serverlessServices, { spec: { mode: 'Proxy', objectRef: objRef, protocolType: 'h2c', numActivators: 3 }, status: { ...status, serviceName: 's', privateServiceName: 'p' } }),
  kase(networking.certificates, {
    spec: { dnsNames: ['a.b'], domain: 'b', secretName: 's' },
    status: { ...status, notAfter: '2030-01-01T00:00:00Z', http01Challenges: [{ url: 'http://c', serviceName: 's', serviceNamespace: 'ns', servicePort: 'http' }] },
  }),
  kase(eventing.brokers, { spec: { config: ref, delivery }, status: { ...status, address, addresses: [address], ...dls, policies } }),
  kase(eventing.triggers, {
    spec: { broker: 'default', brokerRef: ref, filter: { attributes: { type: 't' } }, filters: [filter], subscriber: dest, delivery },
    status: { ...status, subscriberUri: 'http://s', subscriberCACerts: 'pem', subscriberAudience: 'aud', ...dls, auth },
  }),
  kase(eventing.eventTypes, { spec: { reference: ref, description: 'd', attributes: [{ name: 'type', required: true, value: 't' }] }, status }),
  kase(messaging.channels, { spec: { channelTemplate, subscribers: [subscriber], delivery }, status: { ...channelableStatus, channel: ref } }),
  kase(messaging.inMemoryChannels, { spec: { subscribers: [subscriber], delivery }, status: channelableStatus }),
  kase(messaging.subscriptions, {
    spec: { channel: ref, subscriber: dest, reply: dest, delivery },
    status: {
      ...status,
      physicalSubscription: { subscriberUri: 'http://s', subscriberCACerts: 'p', subscriberAudience: 'a', replyUri: 'http://r', replyCACerts: 'p', replyAudience: 'a', ...dls },
      auth,
    },
  }),
  kase(flows.sequences, {
    spec: { steps: [{ ...dest, delivery }], channelTemplate, reply: dest },
    status: { ...status, subscriptionStatuses: [child('subscription')], channelStatuses: [child('channel')], address, auth, policies },
  }),
  kase(flows.parallels, {
    spec: { branches: [{ filter: dest, subscriber: dest, reply: dest, delivery }], channelTemplate, reply: dest },
    status: {
      ...status,
      ingressChannelStatus: child('channel'),
      branchStatuses: [{ filterSubscriptionStatus: child('subscription'), filterChannelStatus: child('channel'), subscriberSubscriptionStatus: child('subscription') }],
      address, addresses: [address], auth, policies,
    },
  }),
  kase(sources.pingSources, { spec: { schedule: '* * * * *', timezone: 'UTC', contentType: 'text/plain', data: 'd', dataBase64: 'ZA==', ...sourceSpec }, status: sourceStatus }),
  kase(sources.apiServerSources, {
    spec: {
      resources: [{ apiVersion: 'v1', kind: 'Event', selector }], owner: { apiVersion: 'apps/v1', kind: 'Deployment' }, mode: 'Reference',
      serviceAccountName: 'sa', namespaceSelector: selector, filters: [filter], ...sourceSpec,
    },
    status: { ...sourceStatus, namespaces: ['ns'] },
  }),
  kase(sources.containerSources, { spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } }, ...sourceSpec }, status: sourceStatus }),
  kase(sources.sinkBindings, {
    spec: { subject: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ns', name: 'd', selector }, ...sourceSpec },
    status: { ...sourceStatus, oidcTokenSecretName: 's' },
  }),
];

describe('prunedPaths', () => {
  test.each(cases)('a full $rt.kind loses no field', ({ rt, object }) => {
    expect(prunedPaths(schemaOf(rt), { apiVersion: 'x', kind: rt.kind, metadata: { name: 'n' }, ...object })).toEqual([]);
  });

  test('covers every kind', () => {
    expect(new Set(cases.map((c) => c.rt.kind)).size).toBe(Object.keys({ ...serving, ...autoscaling, ...networking, ...eventing, ...messaging, ...flows, ...sources }).length);
  });

  test.each([
    { name: 'unknown spec field', object: { spec: { template: { spec: { containers: [{ image: 'i', stdin: true }] } }, bogus: 1 } }, want: ['spec.template.spec.containers[0].stdin', 'spec.bogus'] },
    { name: 'unknown status field', object: { status: { url: 'u', phase: 'Running' } }, want: ['status.phase'] },
    { name: 'unknown condition field', object: { status: { conditions: [{ type: 'Ready', status: 'True', extra: 1 }] } }, want: ['status.conditions[0].extra'] },
    { name: 'fields inside an open object', object: { spec: { template: { spec: { containers: [{ securityContext: { anything: 1 } }] } } } }, want: [] },
    { name: 'unknown template metadata', object: { spec: { template: { metadata: { generateName: 'x-' } } } }, want: [] },
  ])('reports $name', ({ object, want }) => {
    expect(prunedPaths(schemaOf(serving.services), object)).toEqual(want);
  });
});
