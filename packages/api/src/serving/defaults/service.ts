import type { Service } from '../v1/service.js';
import type { DefaultingContext } from './context.js';
import { copyOf, existing, isDraft, resolveDefaultingContext } from './context.js';
import { parentMeta, setTemplateDefaults } from './template.js';
import { setTrafficDefaults } from './traffic.js';
import { setUserInfo } from './user-info.js';

/** A defaulted copy of a Service, as Knative's defaulting webhook would admit it. The input is not changed. */
export function setServiceDefaults(service: Service, context?: DefaultingContext): Service {
  const ctx = resolveDefaultingContext(context);
  const out = copyOf(service);
  if (!isDraft(out)) return out;
  const spec = existing(out, 'spec');
  if (spec) {
    setTemplateDefaults(spec, parentMeta(out), ctx);
    setTrafficDefaults(spec, true);
  }
  setUserInfo(out, ctx);
  return out;
}
