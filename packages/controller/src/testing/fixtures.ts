// Builders for the serving objects reconciler tests seed and expect, with stable uids.
import type { Condition, ConditionStatus, Configuration, Revision, Route, Service, TrafficTarget } from '@knot/api';
import { newControllerRef } from '../kmeta/owner-refs.js';

export const NS = 'default';
/** The fake clock's start in the table tests, as condition and routing-state times print it. */
export const T0 = '2024-01-01T00:00:00Z';

export const container = (image = 'ghcr.io/knot/hello:1') => ({ containers: [{ name: 'user-container', image }] });

export function service(name = 'hello', opts: { generation?: number; image?: string; traffic?: TrafficTarget[]; revisionName?: string; labels?: Record<string, string>; annotations?: Record<string, string> } = {}): Service {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: {
      namespace: NS,
      name,
      uid: `svc-${name}`,
      generation: opts.generation ?? 1,
      ...(opts.labels ? { labels: opts.labels } : {}),
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
    },
    spec: {
      template: { ...(opts.revisionName ? { metadata: { name: opts.revisionName } } : {}), spec: container(opts.image) },
      ...(opts.traffic ? { traffic: opts.traffic } : {}),
    },
  };
}

export function configuration(name = 'hello', opts: { generation?: number; image?: string; revisionName?: string; owner?: Service; labels?: Record<string, string>; annotations?: Record<string, string> } = {}): Configuration {
  const labels = { ...(opts.owner ? { 'serving.knative.dev/service': opts.owner.metadata?.name ?? '', 'serving.knative.dev/serviceUID': opts.owner.metadata?.uid ?? '' } : {}), ...opts.labels };
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Configuration',
    metadata: {
      namespace: NS,
      name,
      uid: `cfg-${name}`,
      generation: opts.generation ?? 1,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
      ...(opts.owner ? { ownerReferences: [newControllerRef(opts.owner)] } : {}),
    },
    spec: { template: { ...(opts.revisionName ? { metadata: { name: opts.revisionName } } : {}), spec: container(opts.image) } },
  };
}

export function route(name = 'hello', opts: { generation?: number; traffic?: TrafficTarget[]; owner?: Service; labels?: Record<string, string> } = {}): Route {
  const labels = { ...(opts.owner ? { 'serving.knative.dev/service': opts.owner.metadata?.name ?? '' } : {}), ...opts.labels };
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Route',
    metadata: {
      namespace: NS,
      name,
      uid: `route-${name}`,
      generation: opts.generation ?? 1,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(opts.owner ? { ownerReferences: [newControllerRef(opts.owner)] } : {}),
    },
    spec: { traffic: opts.traffic ?? [{ configurationName: name, latestRevision: true, percent: 100 }] },
  };
}

/** A Revision as the Configuration reconciler stamps it for `config`'s current generation. */
export function revision(config: Configuration, opts: { name?: string; generation?: number; routingState?: string; ready?: ConditionStatus; reason?: string; message?: string; image?: string } = {}): Revision {
  const generation = opts.generation ?? config.metadata?.generation ?? 1;
  const cfgName = config.metadata?.name ?? '';
  const name = opts.name ?? `${cfgName}-${String(generation).padStart(5, '0')}`;
  const cfgLabels = config.metadata?.labels ?? {};
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Revision',
    metadata: {
      namespace: NS,
      name,
      uid: `rev-${name}`,
      labels: {
        'serving.knative.dev/configuration': cfgName,
        'serving.knative.dev/configurationGeneration': String(generation),
        'serving.knative.dev/configurationUID': config.metadata?.uid ?? '',
        ...(cfgLabels['serving.knative.dev/service'] ? { 'serving.knative.dev/service': cfgLabels['serving.knative.dev/service'] } : {}),
        ...(cfgLabels['serving.knative.dev/serviceUID'] ? { 'serving.knative.dev/serviceUID': cfgLabels['serving.knative.dev/serviceUID'] } : {}),
        'serving.knative.dev/routingState': opts.routingState ?? 'pending',
      },
      annotations: { 'serving.knative.dev/routingStateModified': T0 },
      ownerReferences: [newControllerRef(config)],
    },
    spec: container(opts.image ?? config.spec.template.spec.containers?.[0]?.image),
    ...(opts.ready ? { status: { observedGeneration: 1, conditions: [readyCondition(opts.ready, opts.reason, opts.message)] } } : {}),
  };
}

export function readyCondition(status: ConditionStatus, reason?: string, message?: string): Condition {
  return { type: 'Ready', status, lastTransitionTime: T0, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

/** A copy with `status` set. */
export function withStatus<T extends { status?: unknown }>(obj: T, status: T['status']): T {
  return { ...structuredClone(obj), status };
}
