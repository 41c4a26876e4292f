// v1alpha1 Configuration and Revision specs → v1: `revisionTemplate` becomes `template`,
// the single `container` becomes `containers[0]`, and the retired fields are dropped or refused.
import type { FieldErrors } from '../../field-error.js';
import { severalOf } from '../validation/messages.js';
import { get, isObj, kindOf, show } from '../validation/shape.js';
import type { Obj } from '../validation/shape.js';

/** A JSON object under construction. */
export type Json = Record<string, unknown>;

const RETIRED_REVISION_FIELDS = new Set(['container', 'generation', 'servingState', 'concurrencyModel', 'buildName', 'buildRef']);
const NOT_CONVERTIBLE_BUILD = 'cannot be converted: Knative Build was removed; build the image first and name it in the container';

/** A private deep copy of a JSON value. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** `errs` sits at the RevisionSpec. */
export function revisionSpecToV1(spec: Obj, errs: FieldErrors): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(spec)) {
    if (!RETIRED_REVISION_FIELDS.has(key)) out[key] = copy(value);
  }
  if (isPresent(get(spec, 'buildRef'))) errs.add('buildRef', NOT_CONVERTIBLE_BUILD);
  const container = get(spec, 'container');
  if (isPresent(container)) {
    const containers = get(spec, 'containers');
    if (Array.isArray(containers) && containers.length > 0) {
      errs.add('', severalOf(['container', 'containers'], ['container', 'containers']));
    } else if (!isObj(container)) {
      errs.add('container', `expected an object, got ${kindOf(container)}`);
    } else {
      out.containers = [copy(container)];
    }
  }
  const model = get(spec, 'concurrencyModel');
  if (model === 'Single') {
    // What v1alpha1 defaulting did: a single-request container is containerConcurrency 1.
    if (!isPresent(get(spec, 'containerConcurrency'))) out.containerConcurrency = 1;
  } else if (isPresent(model) && model !== 'Multi') {
    errs.add('concurrencyModel', `must be Single or Multi, got ${show(model)}`);
  }
  return out;
}

/** `errs` sits at the template. */
export function templateToV1(template: unknown, errs: FieldErrors): Json | undefined {
  if (!isPresent(template)) return undefined;
  if (!isObj(template)) {
    errs.add('', `expected an object, got ${kindOf(template)}`);
    return undefined;
  }
  const out: Json = {};
  const metadata = get(template, 'metadata');
  if (isPresent(metadata)) out.metadata = copy(metadata);
  const spec = get(template, 'spec');
  if (isObj(spec)) out.spec = revisionSpecToV1(spec, errs.at('spec'));
  else if (isPresent(spec)) errs.add('spec', `expected an object, got ${kindOf(spec)}`);
  return out;
}

/** The v1 `template` of a v1alpha1 ConfigurationSpec; `errs` sits at that spec. */
export function configurationTemplateToV1(spec: Obj, errs: FieldErrors): Json | undefined {
  if (isPresent(get(spec, 'build'))) errs.add('build', NOT_CONVERTIBLE_BUILD);
  const legacy = get(spec, 'revisionTemplate');
  const current = get(spec, 'template');
  if (isPresent(legacy) && isPresent(current)) {
    errs.add('', severalOf(['revisionTemplate', 'template'], ['revisionTemplate', 'template']));
    return undefined;
  }
  return isPresent(legacy) ? templateToV1(legacy, errs.at('revisionTemplate')) : templateToV1(current, errs.at('template'));
}

/** A v1 ConfigurationSpec (`{ template }`) from a v1alpha1 one at `path`. */
export function configurationSpecToV1(spec: unknown, errs: FieldErrors): Json {
  if (!isPresent(spec)) return {};
  if (!isObj(spec)) {
    errs.add('', `expected an object, got ${kindOf(spec)}`);
    return {};
  }
  const template = configurationTemplateToV1(spec, errs);
  return template ? { template } : {};
}

/** Set the way JSON from Go's omitempty fields is: present and not null. */
export function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null;
}
