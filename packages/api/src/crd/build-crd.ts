import { resourceKey, type ResourceType } from '../resource-type.js';
import { CRD_DESCRIPTIONS } from './crd-descriptions.js';
import type { CustomResourceDefinition } from './crd-types.js';

/** buildCrd was given a kind that knot does not define as a CRD. */
export class UnknownCrdKindError extends Error {
  readonly code = 'UNKNOWN_CRD_KIND';

  constructor(key: string) {
    super(`no CRD description for ${key}; add one to CRD_DESCRIPTIONS`);
    this.name = 'UnknownCrdKindError';
  }
}

interface GroupTraits {
  /** `all` and `knative` for user-facing kinds; `knative-internal` keeps internal kinds out of `kubectl get all`. */
  readonly categories: readonly string[];
  /** The knot component that owns the group, for the app.kubernetes.io/component label. */
  readonly component: string;
}

const GROUPS: Readonly<Record<string, GroupTraits>> = {
  'serving.knative.dev': { categories: ['all', 'knative', 'serving'], component: 'serving' },
  'autoscaling.internal.knative.dev': { categories: ['knative-internal', 'autoscaling'], component: 'serving' },
  'networking.internal.knative.dev': { categories: ['knative-internal', 'networking'], component: 'networking' },
  'eventing.knative.dev': { categories: ['all', 'knative', 'eventing'], component: 'eventing' },
  'messaging.knative.dev': { categories: ['all', 'knative', 'messaging'], component: 'eventing' },
  'flows.knative.dev': { categories: ['all', 'knative', 'flows'], component: 'eventing' },
  'sources.knative.dev': { categories: ['all', 'knative', 'sources'], component: 'eventing' },
};

/** The apiextensions.k8s.io/v1 CustomResourceDefinition of one of knot's kinds, with one served storage version. */
export function buildCrd(rt: ResourceType): CustomResourceDefinition {
  const key = resourceKey(rt);
  const description = CRD_DESCRIPTIONS[key];
  const group = GROUPS[rt.group];
  if (!description || !group) throw new UnknownCrdKindError(key);
  const annotations = description.annotations ? { annotations: { ...description.annotations } } : {};
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: key,
      labels: {
        'app.kubernetes.io/name': 'knot',
        'app.kubernetes.io/component': group.component,
        'knative.dev/crd-install': 'true',
        ...description.labels,
      },
      ...annotations,
    },
    spec: {
      group: rt.group,
      names: {
        kind: rt.kind,
        listKind: `${rt.kind}List`,
        plural: rt.plural,
        singular: rt.kind.toLowerCase(),
        categories: [...group.categories, ...(description.categories ?? [])],
        ...(rt.shortNames.length > 0 ? { shortNames: [...rt.shortNames] } : {}),
      },
      scope: rt.namespaced ? 'Namespaced' : 'Cluster',
      versions: [
        {
          name: rt.version,
          served: true,
          storage: true,
          ...(rt.hasStatus ? { subresources: { status: {} } } : {}),
          additionalPrinterColumns: description.columns.map((c) => ({ ...c })),
          // A copy, so a caller editing the result cannot change the shared schema blocks.
          schema: { openAPIV3Schema: structuredClone(description.schema) },
        },
      ],
    },
  };
}
