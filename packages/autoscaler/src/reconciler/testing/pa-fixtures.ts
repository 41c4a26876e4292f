// Objects for the PodAutoscaler table tests, spelled out as they look on the API server.
import { formatMetaTime, KPA_CLASS, type Condition, type ConditionStatus, type Metric, type PodAutoscaler, type PodAutoscalerStatus, type ServerlessService } from '@knot/api';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Endpoints, ResourceRequirements } from 'kubernetes-types/core/v1.js';

export const NS = 'ns';
export const NAME = 'hello-00001';
export const KEY = `${NS}/${NAME}`;
export const PRIVATE = `${NAME}-private`;
/** The fake clock's start in every table. */
export const NOW = Date.UTC(2024, 0, 1);
export const T0 = formatMetaTime(NOW);
/** A condition time `s` seconds before NOW. */
export const ago = (s: number): string => formatMetaTime(NOW - s * 1000);

const PA_UID = 'pa-uid';
export const LABELS = { 'serving.knative.dev/revision': NAME, 'serving.knative.dev/configuration': 'hello', 'serving.knative.dev/service': 'hello' };
const OWNER_REF = { apiVersion: 'autoscaling.internal.knative.dev/v1alpha1', kind: 'PodAutoscaler', name: NAME, uid: PA_UID, controller: true, blockOwnerDeletion: true };
export const OWNER = [OWNER_REF];
const STRANGER = [{ ...OWNER_REF, uid: 'someone-else' }];

export interface PaOptions {
  annotations?: Record<string, string>;
  status?: PodAutoscalerStatus;
  spec?: Partial<PodAutoscaler['spec']>;
  cls?: string;
}

export function pa(o: PaOptions = {}): PodAutoscaler {
  return {
    apiVersion: 'autoscaling.internal.knative.dev/v1alpha1',
    kind: 'PodAutoscaler',
    metadata: { namespace: NS, name: NAME, uid: PA_UID, generation: 1, labels: LABELS, annotations: { 'autoscaling.knative.dev/class': o.cls ?? KPA_CLASS, ...o.annotations } },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${NAME}-deployment` }, protocolType: 'http1', ...o.spec },
    ...(o.status ? { status: o.status } : {}),
  };
}

/** A condition's status, with reason and message, and when it last changed (T0 by default). */
export type Cond = readonly [ConditionStatus, string?, string?, string?];

const cond = (type: string, c: Cond, severity?: 'Info' | 'Warning'): Condition => ({
  type,
  status: c[0],
  ...(severity ? { severity } : {}),
  lastTransitionTime: c[3] ?? T0,
  ...(c[1] ? { reason: c[1] } : {}),
  ...(c[2] ? { message: c[2] } : {}),
});

export const QUEUED: Cond = ['Unknown', 'Queued', 'Requests to the target are being buffered as resources are provisioned.'];
export const NO_TRAFFIC: Cond = ['False', 'NoTraffic', 'The target is not receiving traffic.'];
export const TRUE: Cond = ['True'];
export const UNKNOWN: Cond = ['Unknown'];
export const NO_PRIVATE: Cond = ['Unknown', 'NotReady', 'No Private Service Name'];

export interface StatusOptions {
  active?: Cond;
  init?: Cond;
  sks?: Cond;
  /** Derived when absent: the first False of Active, SKSReady, ScaleTargetInitialized, else the first Unknown, else True. */
  ready?: Cond;
  policies?: Cond;
  serviceName?: string;
  metricsServiceName?: string;
  desired?: number;
  actual?: number;
  observed?: number;
}

export function paStatus(o: StatusOptions = {}): PodAutoscalerStatus {
  const active = o.active ?? UNKNOWN;
  const sks = o.sks ?? UNKNOWN;
  const init = o.init ?? UNKNOWN;
  const deps = [active, sks, init];
  const unhappy = deps.find((c) => c[0] === 'False') ?? deps.find((c) => c[0] === 'Unknown');
  const ready = o.ready ?? (unhappy ? ([unhappy[0], unhappy[1], unhappy[2], T0] as Cond) : TRUE);
  const conditions = [cond('Active', active), ...(o.policies ? [cond('PoliciesValid', o.policies, o.policies[0] === 'True' ? 'Info' : 'Warning')] : []), cond('Ready', ready), cond('SKSReady', sks), cond('ScaleTargetInitialized', init)];
  return {
    observedGeneration: o.observed ?? 1,
    conditions,
    ...(o.serviceName !== undefined ? { serviceName: o.serviceName } : {}),
    ...(o.metricsServiceName !== undefined ? { metricsServiceName: o.metricsServiceName } : {}),
    ...(o.desired !== undefined ? { desiredScale: o.desired } : {}),
    ...(o.actual !== undefined ? { actualScale: o.actual } : {}),
  };
}

/** A steady, serving PA: active, initialized, its SKS ready. */
export const servingStatus = (o: StatusOptions = {}): PodAutoscalerStatus =>
  paStatus({ active: TRUE, init: TRUE, sks: TRUE, serviceName: NAME, metricsServiceName: PRIVATE, desired: 1, actual: 1, ...o });

export interface SksOptions {
  mode?: 'Serve' | 'Proxy';
  numActivators?: number;
  /** No status at all: the SKS reconciler has not run yet. */
  fresh?: boolean;
  ready?: boolean;
  /** When the activator was put in the path (ActivatorEndpointsPopulated True). */
  proxySince?: string;
  generation?: number;
  observed?: number;
  stranger?: boolean;
  annotations?: Record<string, string>;
}

export function sks(o: SksOptions = {}): ServerlessService {
  const ready = o.ready ?? true;
  return {
    apiVersion: 'networking.internal.knative.dev/v1alpha1',
    kind: 'ServerlessService',
    metadata: {
      namespace: NS,
      name: NAME,
      generation: o.generation ?? 1,
      labels: LABELS,
      annotations: { 'autoscaling.knative.dev/class': KPA_CLASS, ...o.annotations },
      ownerReferences: o.stranger ? STRANGER : OWNER,
    },
    spec: { mode: o.mode ?? 'Serve', numActivators: o.numActivators ?? 2, objectRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${NAME}-deployment` }, protocolType: 'http1' },
    ...(o.fresh
      ? {}
      : {
          status: {
            observedGeneration: o.observed ?? o.generation ?? 1,
            serviceName: NAME,
            privateServiceName: PRIVATE,
            conditions: [
              ...(o.proxySince ? [{ type: 'ActivatorEndpointsPopulated', status: 'True' as const, severity: 'Info' as const, lastTransitionTime: o.proxySince, reason: 'ActivatorEndpointsPopulated', message: 'Revision is backed by Activator' }] : []),
              ready ? { type: 'EndpointsPopulated', status: 'True' as const, lastTransitionTime: T0 } : { type: 'EndpointsPopulated', status: 'Unknown' as const, reason: 'NoHealthyBackends', message: 'K8s Service is not ready', lastTransitionTime: T0 },
              ready ? { type: 'Ready', status: 'True' as const, lastTransitionTime: T0 } : { type: 'Ready', status: 'Unknown' as const, reason: 'NoHealthyBackends', message: 'K8s Service is not ready', lastTransitionTime: T0 },
            ],
          },
        }),
  };
}

/** The SKS as the reconciler writes its spec: same metadata, the given mode and activators. */
export function wantSks(mode: 'Serve' | 'Proxy', numActivators: number, base: ServerlessService = sks()): ServerlessService {
  return { ...base, spec: { ...base.spec, mode, numActivators } };
}

export function metric(o: { stableNs?: number; panicNs?: number; annotations?: Record<string, string>; stranger?: boolean } = {}): Metric {
  return {
    apiVersion: 'autoscaling.internal.knative.dev/v1alpha1',
    kind: 'Metric',
    metadata: { namespace: NS, name: NAME, labels: LABELS, annotations: { 'autoscaling.knative.dev/class': KPA_CLASS, ...o.annotations }, ownerReferences: o.stranger ? STRANGER : OWNER },
    spec: { stableWindow: o.stableNs ?? 60_000_000_000, panicWindow: o.panicNs ?? 6_000_000_000, scrapeTarget: PRIVATE },
  };
}

export const USER_RESOURCES: ResourceRequirements = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } };

export function deployment(replicas: number | undefined, o: { resources?: ResourceRequirements; annotations?: Record<string, string> } = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace: NS, name: `${NAME}-deployment`, labels: LABELS, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      ...(replicas !== undefined ? { replicas } : {}),
      selector: { matchLabels: { 'serving.knative.dev/revisionUID': 'rev-uid' } },
      template: {
        metadata: { labels: LABELS },
        spec: { containers: [{ name: 'user-container', image: 'app', resources: o.resources ?? USER_RESOURCES }, { name: 'queue-proxy', image: 'qp' }] },
      },
    },
  };
}

/** The private Endpoints with `ready` pods on queue-proxy's stats port. */
export function endpoints(ready: number): Endpoints {
  const addresses = Array.from({ length: ready }, (_, i) => ({ ip: `10.1.0.${i + 1}` }));
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { namespace: NS, name: PRIVATE, labels: { ...LABELS, 'networking.internal.knative.dev/serverlessservice': NAME } },
    subsets: ready === 0 ? [] : [{ addresses, ports: [{ name: 'http', port: 8012 }, { name: 'http-autometric', port: 9090 }] }],
  };
}

export const scalePatch = (replicas: number) => ({ resource: 'deployments.apps', namespace: NS, name: `${NAME}-deployment`, patch: { type: 'merge' as const, patch: { spec: { replicas } } } });

/** A PA that is serving, with `status` overrides. */
export const servingPa = (o: Parameters<typeof servingStatus>[0] = {}, po: PaOptions = {}): PodAutoscaler => pa({ ...po, status: servingStatus(o) });
export const inactiveSince = (s: number): Cond => [...NO_TRAFFIC.slice(0, 3), ago(s)] as unknown as Cond;
export const activeSince = (s: number): Cond => ['True', undefined, undefined, ago(s)];
export const activatingSince = (s: number): Cond => [...QUEUED.slice(0, 3), ago(s)] as unknown as Cond;
/** The world of a revision with `ready` pods, `replicas` wanted and an SKS. */
/** SKSReady right after the SKS spec was written: its status describes the previous generation. */
export const REPROGRAMMING: Cond = ['Unknown', 'NotReady'];
export const world = (p: PodAutoscaler, s = sks(), replicas = 1, ready = replicas) => [p, s, metric(), deployment(replicas), endpoints(ready)];

