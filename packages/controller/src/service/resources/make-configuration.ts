import { ROLLOUT_DURATION_ANNOTATION, ROUTES_ANNOTATION_KEY, SERVICE_LABEL_KEY, SERVICE_UID_LABEL_KEY, type Configuration, type Service } from '@knot/api';
import { joinListAnnotation, listAnnotation } from '../../kmeta/list-annotation.js';
import { newControllerRef } from '../../kmeta/owner-refs.js';

/** kubectl's record of the applied manifest: never copied to children. */
export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The Configuration and Route of a Service share its name. */
export const configurationNameFor = (service: Service): string => service.metadata?.name ?? '';

/**
 * The Configuration a Service wants (Knative's MakeConfigurationFromExisting):
 * the Service's template, labels plus service/serviceUID, annotations without
 * kubectl's and rollout-duration (that one is the Route's), and the Service's
 * Route added to the routes already listed on `existing`.
 */
export function makeConfiguration(service: Service, existing?: Configuration): Configuration {
  const meta = service.metadata ?? {};
  const name = meta.name ?? '';
  const excluded = new Set<string>([LAST_APPLIED_CONFIG_ANNOTATION, ...ROLLOUT_DURATION_ANNOTATION]);
  const annotations = Object.fromEntries(Object.entries(meta.annotations ?? {}).filter(([k]) => !excluded.has(k)));
  const routes = listAnnotation(existing?.metadata?.annotations, ROUTES_ANNOTATION_KEY);
  routes.add(name);
  annotations[ROUTES_ANNOTATION_KEY] = joinListAnnotation(routes);
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Configuration',
    metadata: {
      name: configurationNameFor(service),
      namespace: meta.namespace,
      ownerReferences: [newControllerRef(service)],
      labels: { ...meta.labels, [SERVICE_LABEL_KEY]: name, [SERVICE_UID_LABEL_KEY]: meta.uid ?? '' },
      annotations,
    },
    spec: { template: structuredClone(service.spec.template) },
  };
}
