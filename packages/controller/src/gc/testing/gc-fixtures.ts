// Revisions and Configurations for the GC tests, with times relative to NOW.
import { DEFAULT_CONFIG_GC, formatMetaTime, type ConfigGC, type Configuration, type Revision } from '@knot/api';

export const HOUR = 3_600_000;
export const NOW = Date.UTC(2024, 5, 1);
export const NS = 'ns';

export const at = (hoursAgo: number): string => formatMetaTime(NOW - hoursAgo * HOUR);

export interface RevisionOptions {
  /** Hours before NOW it was created. */
  created: number;
  /** Hours before NOW its routing state last changed. */
  active?: number;
  /** The routingState label; reserve unless given, undefined for none. */
  state?: 'active' | 'pending' | 'reserve' | null;
  noGC?: string;
  /** The owning Configuration; `hello` unless given. */
  configuration?: string;
}

export function revision(name: string, opts: RevisionOptions): Revision {
  const state = opts.state === undefined ? 'reserve' : opts.state;
  const config = opts.configuration ?? 'hello';
  const annotations: Record<string, string> = {};
  if (opts.active !== undefined) annotations['serving.knative.dev/routingStateModified'] = at(opts.active);
  if (opts.noGC !== undefined) annotations['serving.knative.dev/no-gc'] = opts.noGC;
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Revision',
    metadata: {
      namespace: NS,
      name,
      creationTimestamp: at(opts.created),
      labels: { 'serving.knative.dev/configuration': config, ...(state ? { 'serving.knative.dev/routingState': state } : {}) },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Configuration', name: config, uid: `${config}-uid`, controller: true, blockOwnerDeletion: true }],
    },
    spec: { containers: [{ name: 'user-container', image: 'example.com/hello' }] },
  };
}

export function configuration(latest: { ready?: string; created?: string } = {}): Configuration {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Configuration',
    metadata: { namespace: NS, name: 'hello', uid: 'hello-uid', generation: 1 },
    spec: { template: { spec: { containers: [{ name: 'user-container', image: 'example.com/hello' }] } } },
    status: {
      observedGeneration: 1,
      ...(latest.ready ? { latestReadyRevisionName: latest.ready } : {}),
      ...(latest.created ? { latestCreatedRevisionName: latest.created } : {}),
    },
  };
}

/** config-gc with Knative's default windows (48h since create, 15h since active) and the given counts. */
export function gcConfig(overrides: Partial<ConfigGC> = {}): ConfigGC {
  return { ...DEFAULT_CONFIG_GC, minNonActiveRevisions: 1, maxNonActiveRevisions: 1000, ...overrides };
}
