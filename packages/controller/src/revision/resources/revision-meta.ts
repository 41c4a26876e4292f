// Names, labels, annotations and spec lookups shared by a revision's children (Knative's resources/meta.go, names.go, revision_helpers.go).
import {
  APP_LABEL_KEY,
  childName,
  DEFAULT_USER_PORT,
  REVISION_LABEL_KEY,
  REVISION_LAST_PINNED_ANNOTATION_KEY,
  REVISION_PRESERVED_ANNOTATION_KEY,
  REVISION_UID_LABEL_KEY,
  ROUTE_LABEL_KEY,
  ROUTES_ANNOTATION_KEY,
  ROUTING_STATE_LABEL_KEY,
  ROUTING_STATE_MODIFIED_ANNOTATION_KEY,
  type Container,
  type ProtocolType,
  type Revision,
  type RevisionSpec,
} from '@knot/api';

/** The queue-proxy sidecar's container name. */
export const QUEUE_CONTAINER_NAME = 'queue-proxy';
/** On a revision's Deployment: the hash of what the reconciler last wanted it to be. */
export const DEPLOYMENT_HASH_LABEL_KEY = 'serving.knative.dev/deployment-hash';
/** Tells kubectl which container `logs` and `exec` mean. */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

// Labels and annotations that describe routing, which changes without the revision's children changing.
const EXCLUDED_LABELS = new Set([ROUTE_LABEL_KEY, ROUTING_STATE_LABEL_KEY]);
const EXCLUDED_ANNOTATIONS = new Set([REVISION_LAST_PINNED_ANNOTATION_KEY, REVISION_PRESERVED_ANNOTATION_KEY, ROUTING_STATE_MODIFIED_ANNOTATION_KEY, ROUTES_ANNOTATION_KEY]);

export const deploymentName = (rev: Revision): string => childName(rev.metadata?.name ?? '', '-deployment');
export const podAutoscalerName = (rev: Revision): string => rev.metadata?.name ?? '';

/** The revision's labels without routing ones, plus revision, revisionUID and (unless the user set it) app. */
export function makeLabels(rev: Revision): Record<string, string> {
  const labels = without(rev.metadata?.labels, EXCLUDED_LABELS);
  const name = rev.metadata?.name ?? '';
  labels[REVISION_LABEL_KEY] = name;
  labels[REVISION_UID_LABEL_KEY] = rev.metadata?.uid ?? '';
  labels[APP_LABEL_KEY] ??= name;
  return labels;
}

/** The revision's annotations without routing bookkeeping. */
export function makeAnnotations(rev: Revision): Record<string, string> {
  return without(rev.metadata?.annotations, EXCLUDED_ANNOTATIONS);
}

/** The Deployment selects its pods by the revision's UID, so a recreated revision of the same name never adopts them. */
export function makeSelector(rev: Revision): { matchLabels: Record<string, string> } {
  return { matchLabels: { [REVISION_UID_LABEL_KEY]: rev.metadata?.uid ?? '' } };
}

/** The serving container: the only one, or the one with a port (Knative's GetContainer). */
export function userContainer(spec: RevisionSpec): Container | undefined {
  const containers = spec.containers ?? [];
  if (containers.length === 1) return containers[0];
  return containers.find((c) => (c.ports?.length ?? 0) > 0);
}

/** The containers other than the serving one. */
export function sidecarContainers(spec: RevisionSpec): Container[] {
  const containers = spec.containers ?? [];
  return containers.length === 1 ? [] : containers.filter((c) => (c.ports?.length ?? 0) === 0);
}

/** The port the user container listens on: its declared port, else 8080. */
export function userPort(rev: Revision): number {
  const port = userContainer(rev.spec)?.ports?.[0]?.containerPort;
  return port ? port : DEFAULT_USER_PORT;
}

/** h2c when the serving container's port is named `h2c`, else http1. */
export function revisionProtocol(rev: Revision): ProtocolType {
  return userContainer(rev.spec)?.ports?.[0]?.name === 'h2c' ? 'h2c' : 'http1';
}

function without(map: Readonly<Record<string, string>> | undefined, excluded: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).filter(([k]) => !excluded.has(k)));
}
