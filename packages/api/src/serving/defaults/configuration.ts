import type { Configuration } from '../v1/configuration.js';
import type { DefaultingContext } from './context.js';
import { copyOf, drafts, existing, isDraft, resolveDefaultingContext } from './context.js';
import { parentMeta, setTemplateDefaults } from './template.js';
import { setUserInfo } from './user-info.js';

/** A defaulted copy of a Configuration. The input is not changed. */
export function setConfigurationDefaults(configuration: Configuration, context?: DefaultingContext): Configuration {
  const ctx = resolveDefaultingContext(context);
  const out = copyOf(configuration);
  if (!isDraft(out)) return out;
  const spec = existing(out, 'spec');
  if (spec) setTemplateDefaults(spec, parentMeta(out), ctx);
  // A Service's child carries the Service's user annotations.
  if (drafts(existing(out, 'metadata') ?? {}, 'ownerReferences').length === 0) setUserInfo(out, ctx);
  return out;
}
