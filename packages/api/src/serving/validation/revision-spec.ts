// RevisionSpec (the pod plus Knative's serving knobs) and the RevisionTemplateSpec around it.
import type { FieldErrors } from '../../field-error.js';
import { validateAutoscalingAnnotations } from './autoscaling-annotations.js';
import type { ResolvedContext } from './context.js';
import { diffPaths } from './deep-equal.js';
import { REQUIRED, notBetween } from './messages.js';
import { peekMeta, readMeta } from './metadata.js';
import type { MetaView } from './metadata.js';
import { dns1035LabelProblems, dns1035PrefixProblems } from './names.js';
import { validatePodSpec } from './pod-spec.js';
import { asObj, get, isObj, readInt } from './shape.js';
import type { Obj } from './shape.js';
import { validateTemplateAnnotations } from './template-annotations.js';

/** `errs` sits at the spec (e.g. `spec.template.spec`). */
export function validateRevisionSpec(spec: Obj, ctx: ResolvedContext, errs: FieldErrors): void {
  validatePodSpec(spec, ctx, errs);
  const { maxRevisionTimeoutSeconds: maxTimeout, containerConcurrencyMaxLimit: maxCC } = ctx.defaults;
  const timeout = readInt(spec, 'timeoutSeconds', errs);
  // 0 means "use the default", as in Knative.
  if (timeout !== undefined && timeout !== 0 && (timeout < 0 || timeout > maxTimeout)) {
    errs.add('timeoutSeconds', notBetween(0, maxTimeout, timeout));
  }
  const effectiveTimeout = timeout || ctx.defaults.revisionTimeoutSeconds;
  for (const key of ['responseStartTimeoutSeconds', 'idleTimeoutSeconds']) {
    const v = readInt(spec, key, errs);
    if (v !== undefined && (v < 0 || v > effectiveTimeout)) {
      errs.add(key, `${notBetween(0, effectiveTimeout, v)} (timeoutSeconds is ${effectiveTimeout})`);
    }
  }
  const cc = readInt(spec, 'containerConcurrency', errs);
  const minCC = ctx.defaults.allowContainerConcurrencyZero ? 0 : 1;
  if (cc !== undefined && (cc < minCC || cc > maxCC)) {
    const why = minCC === 1 && cc === 0 ? ' (allow-container-concurrency-zero is false)' : '';
    errs.add('containerConcurrency', `${notBetween(minCC, maxCC, cc)}${why}`);
  }
}

/**
 * A Configuration's or Service's `spec.template`; `errs` sits at it. `parent` is the owning
 * object's metadata: a template that brings its own name must start with `<parent>-`.
 */
export function validateRevisionTemplate(template: unknown, parent: MetaView, ctx: ResolvedContext, errs: FieldErrors): void {
  if (template === undefined || template === null) {
    errs.add('', REQUIRED);
    return;
  }
  const t = asObj(template, errs, '');
  if (!t) return;
  const metaErrs = errs.at('metadata');
  const meta = readMeta(get(t, 'metadata'), metaErrs);
  const spec = asObj(get(t, 'spec'), errs, 'spec');
  if (spec) validateRevisionSpec(spec, ctx, errs.at('spec'));
  else if (!get(t, 'spec')) errs.add('spec', REQUIRED);
  validateAutoscalingAnnotations(meta.annotations, ctx.autoscaler, metaErrs);
  validateTemplateAnnotations(meta.annotations, metaErrs);
  validateRevisionName(meta, parent, metaErrs);
}

function validateRevisionName(meta: MetaView, parent: MetaView, errs: FieldErrors): void {
  if (meta.generateName) {
    const problems = dns1035PrefixProblems(meta.generateName);
    if (problems.length > 0) {
      errs.add('generateName', `not a DNS-1035 label prefix: ${problems.join('; ')}`);
      return;
    }
  }
  if (!meta.name) return;
  const problems = dns1035LabelProblems(meta.name);
  if (problems.length > 0) {
    errs.add('name', `not a DNS-1035 label: ${problems.join('; ')}`);
    return;
  }
  if (!parent.name && parent.generateName) {
    errs.add('name', 'must not be set when the parent uses generateName: the revision name must start with the parent name');
    return;
  }
  const prefix = `${parent.name ?? ''}-`;
  if (!meta.name.startsWith(prefix)) errs.add('name', `${JSON.stringify(meta.name)} must have prefix ${JSON.stringify(prefix)}`);
}

/**
 * On update: a template that keeps its brought-your-own name may not change, since the
 * revision of that name already exists. `errs` sits at the template.
 */
export function verifyTemplateNameChange(template: unknown, original: unknown, errs: FieldErrors): void {
  const name = peekMeta(isObj(template) ? get(template, 'metadata') : undefined).name;
  if (!name || name !== peekMeta(isObj(original) ? get(original, 'metadata') : undefined).name) return;
  const changed = diffPaths(original, template);
  if (changed.length > 0) {
    errs.add('metadata.name', `the template changed without a new revision name (changed: ${changed.join(', ')}); give it a new name`);
  }
}
