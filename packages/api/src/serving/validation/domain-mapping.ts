import type { FieldError } from '../../field-error.js';
import { fqdnProblem } from '../../names.js';
import type { ValidationContext } from './context.js';
import { DISALLOWED, REQUIRED } from './messages.js';
import { validateCreatorAndModifier } from './metadata.js';
import { validateKind } from './object-parts.js';
import { get, readObj, readString } from './shape.js';

/** Validates a serving.knative.dev/v1beta1 DomainMapping: its name is the domain. Never throws. */
export function validateDomainMapping(value: unknown, context?: ValidationContext): FieldError[] {
  return validateKind(value, context, ({ ctx, errs, metaErrs, meta, spec, rawSpec, original }) => {
    if (meta.generateName) metaErrs.add('generateName', `${DISALLOWED}: the name is the mapped domain`);
    const name = meta.name ?? '';
    const problem = fqdnProblem(name);
    if (problem) metaErrs.add('name', `invalid domain name ${JSON.stringify(name)}: ${problem}`);
    else if (name.endsWith(`.${ctx.clusterDomain}`)) {
      metaErrs.add('name', `invalid domain name ${JSON.stringify(name)}: must not be under the cluster-local domain ${JSON.stringify(ctx.clusterDomain)}`);
    }
    if (spec) {
      const specErrs = errs.at('spec');
      const ref = readObj(spec, 'ref', specErrs);
      const refErrs = specErrs.at('ref');
      if (!ref) {
        if (get(spec, 'ref') === undefined || get(spec, 'ref') === null) specErrs.add('ref', REQUIRED);
      } else {
        for (const key of ['name', 'apiVersion', 'kind']) if (!readString(ref, key, refErrs)) refErrs.add(key, REQUIRED);
        if (readString(ref, 'group', refErrs)) refErrs.add('group', DISALLOWED);
        const ns = readString(ref, 'namespace', refErrs);
        if (ns && meta.namespace && ns !== meta.namespace) {
          refErrs.add('namespace', `must be the DomainMapping's own namespace ${JSON.stringify(meta.namespace)}, got ${JSON.stringify(ns)}`);
        }
      }
      const tls = readObj(spec, 'tls', specErrs);
      if (tls && !readString(tls, 'secretName', specErrs.at('tls'))) specErrs.add('tls.secretName', REQUIRED);
    }
    if (original) validateCreatorAndModifier(original.spec, rawSpec, original.meta, meta, metaErrs);
  });
}
