import { formatMetaTime, ROUTES_ANNOTATION_KEY, ROUTING_STATE_LABEL_KEY, ROUTING_STATE_MODIFIED_ANNOTATION_KEY, RoutingState, type KubeObject } from '@knot/api';
import { joinListAnnotation, listAnnotation } from '../kmeta/list-annotation.js';

/** A merge patch of metadata; `null` removes a key. */
export interface MetadataPatch {
  metadata: { labels?: Record<string, string | null>; annotations?: Record<string, string | null> };
}

/**
 * The merge patch that adds `routeName` to (or, with `remove`, takes it out of)
 * the object's serving.knative.dev/routes annotation and, for revisions, moves
 * the routingState label between active and reserve with a fresh
 * routingStateModified stamp. Undefined when nothing changes (Knative's makeMetadataPatch).
 */
export function makeMetadataPatch(obj: KubeObject, routeName: string, opts: { routingState: boolean; remove: boolean; now: number }): MetadataPatch | undefined {
  const labels: Record<string, string | null> = {};
  const annotations: Record<string, string | null> = {};
  const current = obj.metadata?.annotations ?? {};

  const routes = listAnnotation(current, ROUTES_ANNOTATION_KEY);
  const has = routes.has(routeName);
  if (has && opts.remove) {
    routes.delete(routeName);
    annotations[ROUTES_ANNOTATION_KEY] = routes.size === 0 ? null : joinListAnnotation(routes);
  } else if (!has && !opts.remove) {
    routes.add(routeName);
    annotations[ROUTES_ANNOTATION_KEY] = joinListAnnotation(routes);
  }

  if (opts.routingState) {
    const changed = Object.hasOwn(annotations, ROUTES_ANNOTATION_KEY);
    const routed = changed ? annotations[ROUTES_ANNOTATION_KEY] !== null : Boolean(current[ROUTES_ANNOTATION_KEY]);
    const want = routed ? RoutingState.Active : RoutingState.Reserve;
    if (obj.metadata?.labels?.[ROUTING_STATE_LABEL_KEY] !== want) {
      labels[ROUTING_STATE_LABEL_KEY] = want;
      annotations[ROUTING_STATE_MODIFIED_ANNOTATION_KEY] = formatMetaTime(opts.now);
    }
  }

  const metadata: MetadataPatch['metadata'] = {};
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return Object.keys(metadata).length > 0 ? { metadata } : undefined;
}
