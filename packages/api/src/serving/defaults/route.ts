import type { Route } from '../v1/route.js';
import type { DefaultingContext } from './context.js';
import { copyOf, drafts, existing, isDraft, resolveDefaultingContext } from './context.js';
import { setTrafficDefaults } from './traffic.js';
import { setUserInfo } from './user-info.js';

/** A defaulted copy of a Route. Empty traffic stays empty: a Route has no Configuration of its own. */
export function setRouteDefaults(route: Route, context?: DefaultingContext): Route {
  const ctx = resolveDefaultingContext(context);
  const out = copyOf(route);
  if (!isDraft(out)) return out;
  const spec = existing(out, 'spec');
  if (spec) setTrafficDefaults(spec, false);
  if (drafts(existing(out, 'metadata') ?? {}, 'ownerReferences').length === 0) setUserInfo(out, ctx);
  return out;
}
