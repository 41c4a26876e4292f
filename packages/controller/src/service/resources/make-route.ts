import { SERVICE_LABEL_KEY, type Route, type Service, type TrafficTarget } from '@knot/api';
import { newControllerRef } from '../../kmeta/owner-refs.js';
import { configurationNameFor, LAST_APPLIED_CONFIG_ANNOTATION } from './make-configuration.js';

export const routeNameFor = (service: Service): string => service.metadata?.name ?? '';

/** What Service defaulting gives an empty spec.traffic, applied here too so an undefaulted Service still routes. */
const defaultTraffic = (): TrafficTarget[] => [{ latestRevision: true, percent: 100 }];

/**
 * The Route a Service wants (Knative's MakeRoute): the Service's traffic with
 * every target that names no revision pointed at the Service's Configuration.
 */
export function makeRoute(service: Service): Route {
  const meta = service.metadata ?? {};
  const annotations = Object.fromEntries(Object.entries(meta.annotations ?? {}).filter(([k]) => k !== LAST_APPLIED_CONFIG_ANNOTATION));
  const traffic = service.spec.traffic?.length ? structuredClone(service.spec.traffic) : defaultTraffic();
  for (const target of traffic) if (!target.revisionName) target.configurationName = configurationNameFor(service);
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Route',
    metadata: {
      name: routeNameFor(service),
      namespace: meta.namespace,
      ownerReferences: [newControllerRef(service)],
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      labels: { ...meta.labels, [SERVICE_LABEL_KEY]: meta.name ?? '' },
    },
    spec: { traffic },
  };
}
