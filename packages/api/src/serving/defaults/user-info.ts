import { CREATOR_ANNOTATION, UPDATER_ANNOTATION } from '../../constants/annotations.js';
import { deepEqual } from '../validation/deep-equal.js';
import type { Draft, ResolvedDefaultingContext } from './context.js';
import { draftAt, isDraft } from './context.js';

/** Records who created the object and who last changed its spec (serving.knative.dev/creator, lastModifier). */
export function setUserInfo(object: Draft, ctx: ResolvedDefaultingContext): void {
  if (!ctx.user) return;
  const meta = draftAt(object, 'metadata');
  const annotations = meta && draftAt(meta, 'annotations');
  if (!annotations) return;
  if (ctx.inCreate) {
    annotations[CREATOR_ANNOTATION] = ctx.user;
    annotations[UPDATER_ANNOTATION] = ctx.user;
    return;
  }
  const oldSpec = isDraft(ctx.original) ? ctx.original.spec : undefined;
  if (!deepEqual(oldSpec, object.spec)) annotations[UPDATER_ANNOTATION] = ctx.user;
}
