import {
  childName,
  CONFIGURATION_GENERATION_LABEL_KEY,
  CONFIGURATION_LABEL_KEY,
  CONFIGURATION_UID_LABEL_KEY,
  CREATOR_ANNOTATION,
  RoutingState,
  ROUTES_ANNOTATION_KEY,
  SERVICE_LABEL_KEY,
  SERVICE_UID_LABEL_KEY,
  UPDATER_ANNOTATION,
  type Configuration,
  type Revision,
} from '@knot/api';
import { newControllerRef } from '../../kmeta/owner-refs.js';
import { setRoutingState } from '../../labeler/routing-state.js';

/** `<configuration>-00001` for generation 1, cut to a valid name as Knative's kmeta.ChildName does. */
export function revisionNameFor(config: Configuration): string {
  return childName(config.metadata?.name ?? '', `-${String(config.metadata?.generation ?? 0).padStart(5, '0')}`);
}

/** The value a Revision stamped from `config` carries for one of the Configuration's label keys ('' when none). */
export function revisionLabelValue(key: string, config: Configuration): string {
  const meta = config.metadata ?? {};
  switch (key) {
    case CONFIGURATION_LABEL_KEY:
      return meta.name ?? '';
    case SERVICE_LABEL_KEY:
    case SERVICE_UID_LABEL_KEY:
      return meta.labels?.[key] ?? '';
    case CONFIGURATION_GENERATION_LABEL_KEY:
      return String(meta.generation ?? 0);
    case CONFIGURATION_UID_LABEL_KEY:
      return meta.uid ?? '';
    default:
      return '';
  }
}

const REVISION_LABEL_KEYS = [CONFIGURATION_LABEL_KEY, SERVICE_LABEL_KEY, CONFIGURATION_GENERATION_LABEL_KEY, CONFIGURATION_UID_LABEL_KEY, SERVICE_UID_LABEL_KEY];

/**
 * The Revision for the Configuration's current generation (Knative's
 * MakeRevision): the template's metadata and spec, the Configuration's labels,
 * routing state pending (active when a Route already names the Configuration),
 * and a controller reference so it is deleted with the Configuration.
 */
export function makeRevision(config: Configuration, now: number): Revision {
  const template = structuredClone(config.spec.template);
  const rev: Revision = {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Revision',
    metadata: { ...template.metadata, namespace: config.metadata?.namespace },
    spec: template.spec,
  };
  const meta = (rev.metadata ??= {});
  if (!meta.name) meta.name = revisionNameFor(config);
  // Pending tells the labeler it has not seen this revision yet.
  setRoutingState(rev, RoutingState.Pending, now);

  const labels = { ...meta.labels };
  for (const key of REVISION_LABEL_KEYS) {
    const value = revisionLabelValue(key, config);
    if (value !== '') labels[key] = value;
  }
  meta.labels = labels;

  const annotations = { ...meta.annotations };
  const configAnnotations = config.metadata?.annotations ?? {};
  const updater = configAnnotations[UPDATER_ANNOTATION];
  if (updater !== undefined) annotations[CREATOR_ANNOTATION] = updater;
  meta.annotations = annotations;
  const routes = configAnnotations[ROUTES_ANNOTATION_KEY];
  if (routes !== undefined) {
    meta.annotations[ROUTES_ANNOTATION_KEY] = routes;
    setRoutingState(rev, RoutingState.Active, now);
  }

  meta.ownerReferences = [...(meta.ownerReferences ?? []), newControllerRef(config)];
  return rev;
}
