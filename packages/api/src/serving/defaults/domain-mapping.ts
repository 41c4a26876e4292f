import type { DomainMapping } from '../v1beta1/domain-mapping.js';
import type { DefaultingContext } from './context.js';
import { copyOf, existing, isDraft, resolveDefaultingContext, unset } from './context.js';
import { setUserInfo } from './user-info.js';

/** A defaulted copy of a DomainMapping: the ref's namespace defaults to the mapping's own. */
export function setDomainMappingDefaults(mapping: DomainMapping, context?: DefaultingContext): DomainMapping {
  const ctx = resolveDefaultingContext(context);
  const out = copyOf(mapping);
  if (!isDraft(out)) return out;
  const ref = existing(existing(out, 'spec') ?? {}, 'ref');
  const namespace = existing(out, 'metadata')?.namespace;
  if (ref && (unset(ref, 'namespace') || ref.namespace === '') && typeof namespace === 'string') ref.namespace = namespace;
  setUserInfo(out, ctx);
  return out;
}
