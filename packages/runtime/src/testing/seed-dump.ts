import { apiVersionOf, formatMetaTime, type KubeObject, type ResourceType } from '@knot/api';
import { dumpResource, type StoreDump } from '../memory/store-dump.js';

const DECIMAL = /^(0|[1-9]\d*)$/;

/**
 * A table row's objects as a store dump for `MemoryStore.load`, so the store
 * holds exactly what the row declares (uid, generation, deletionTimestamp...),
 * as Knative's fake clientsets do. Only metadata the row leaves out is filled
 * in: uid `<kind>-<name>`, generation 1, creationTimestamp `now`, and fresh
 * resourceVersions above any the row declares.
 */
export function seedDump(objects: readonly KubeObject[], kinds: readonly ResourceType[], now: number): StoreDump {
  const declared = objects.map((o) => o.metadata?.resourceVersion).filter((rv): rv is string => rv !== undefined);
  for (const rv of declared) if (!DECIMAL.test(rv)) throw new Error(`table test: resourceVersion "${rv}" is not a decimal string`);
  let version = Math.max(0, ...declared.map(Number));

  const byKind = new Map<ResourceType, KubeObject[]>();
  for (const obj of objects) {
    const rt = kinds.find((k) => apiVersionOf(k) === obj.apiVersion && k.kind === obj.kind);
    if (!rt) throw new Error(`table test: no resource type for ${obj.apiVersion} ${obj.kind}; pass it in options.resources`);
    const m = obj.metadata ?? {};
    if (m.deletionTimestamp && !m.finalizers?.length) throw new Error(`table test: ${m.name} has a deletionTimestamp but no finalizers, which no API server keeps`);
    const metadata = {
      ...structuredClone(m),
      uid: m.uid ?? `${rt.kind.toLowerCase()}-${m.name}`,
      generation: m.generation ?? 1,
      creationTimestamp: m.creationTimestamp ?? formatMetaTime(now),
      resourceVersion: m.resourceVersion ?? String(++version),
    };
    byKind.set(rt, [...(byKind.get(rt) ?? []), { ...structuredClone(obj), metadata }]);
  }
  return { resourceVersion: String(version), kinds: [...byKind].map(([rt, items]) => ({ resource: dumpResource(rt), items })) };
}
