// Which revisions take traffic, and under which tags, from the Services' route status.
import type { Service } from '@knot/api';
import type { RevisionTraffic } from '../output/kind-tables.js';

export function revisionTraffic(services: readonly Service[]): Map<string, RevisionTraffic> {
  const byRevision = new Map<string, RevisionTraffic>();
  for (const svc of services) {
    for (const target of svc.status?.traffic ?? []) {
      if (!target.revisionName) continue;
      const entry = byRevision.get(target.revisionName) ?? { percent: 0, tags: [] };
      entry.percent += target.percent ?? 0;
      if (target.tag) entry.tags.push(target.tag);
      byRevision.set(target.revisionName, entry);
    }
  }
  return byRevision;
}
