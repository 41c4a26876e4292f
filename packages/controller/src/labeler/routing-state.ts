import { formatMetaTime, ROUTING_STATE_LABEL_KEY, ROUTING_STATE_MODIFIED_ANNOTATION_KEY, type Revision, type RoutingState } from '@knot/api';

/**
 * Sets the routingState label and stamps routingStateModified, leaving the
 * stamp alone when the state does not change (Knative's Revision.SetRoutingState).
 */
export function setRoutingState(rev: Revision, state: RoutingState, now: number): void {
  const meta = (rev.metadata ??= {});
  if (meta.annotations?.[ROUTING_STATE_MODIFIED_ANNOTATION_KEY] && meta.labels?.[ROUTING_STATE_LABEL_KEY] === state) return;
  meta.labels = { ...meta.labels, [ROUTING_STATE_LABEL_KEY]: state };
  meta.annotations = { ...meta.annotations, [ROUTING_STATE_MODIFIED_ANNOTATION_KEY]: formatMetaTime(now) };
}
