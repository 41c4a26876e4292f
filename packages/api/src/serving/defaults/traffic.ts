// spec.traffic defaults of a Route or Service.
import type { Draft } from './context.js';
import { isDraft } from './context.js';

/**
 * Explicit latestRevision and percent on every target; in a Service (which names its own
 * Configuration) an empty list becomes 100% to the latest revision.
 */
export function setTrafficDefaults(spec: Draft, defaultConfigurationName: boolean): void {
  const traffic = spec.traffic;
  if ((traffic === undefined || traffic === null || (Array.isArray(traffic) && traffic.length === 0)) && defaultConfigurationName) {
    spec.traffic = [{ latestRevision: true, percent: 100 }];
    return;
  }
  if (!Array.isArray(traffic)) return;
  for (const target of traffic) {
    if (!isDraft(target)) continue;
    if (typeof target.latestRevision !== 'boolean') target.latestRevision = !target.revisionName;
    if (target.percent === undefined || target.percent === null) target.percent = 0;
  }
}
