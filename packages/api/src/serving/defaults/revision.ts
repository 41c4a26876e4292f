import type { Revision } from '../v1/revision.js';
import type { DefaultingContext } from './context.js';
import { copyOf, existing, isDraft, resolveDefaultingContext } from './context.js';
import { setRevisionSpecDefaults } from './revision-spec.js';

/** A defaulted copy of a Revision. On update nothing changes: a revision's spec is immutable. */
export function setRevisionDefaults(revision: Revision, context?: DefaultingContext): Revision {
  const ctx = resolveDefaultingContext(context);
  const out = copyOf(revision);
  if (!isDraft(out) || !ctx.inCreate) return out;
  const spec = existing(out, 'spec');
  // A Revision has no parent here, so the container-name template sees empty metadata, as in Knative.
  if (spec) setRevisionSpecDefaults(spec, {}, ctx);
  return out;
}
