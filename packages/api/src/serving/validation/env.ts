// Container env and envFrom.
import { FEATURE_FLAG_KEYS } from '../../config/config-features.js';
import type { FieldErrors } from '../../field-error.js';
import type { ResolvedContext } from './context.js';
import { notDisabled } from './context.js';
import { REQUIRED, oneOfProblem } from './messages.js';
import { get, isSet, readObj, readObjArray, readString } from './shape.js';
import type { Obj } from './shape.js';

/** Variables the runtime contract sets; PORT only in the serving container. */
const RESERVED_ENV = ['PORT', 'K_SERVICE', 'K_CONFIGURATION', 'K_REVISION'];
const RESERVED_SIDECAR_ENV = ['K_SERVICE', 'K_CONFIGURATION', 'K_REVISION'];

export type ContainerRole = 'user' | 'sidecar' | 'init';

/** `errs` sits at the container. */
export function validateEnv(container: Obj, role: ContainerRole, ctx: ResolvedContext, errs: FieldErrors): void {
  const reserved = role === 'user' ? RESERVED_ENV : RESERVED_SIDECAR_ENV;
  for (const [i, env] of readObjArray(container, 'env', errs)) {
    const at = errs.at(`env[${i}]`);
    const name = readString(env, 'name', at);
    if (!name) at.add('name', REQUIRED);
    else if (reserved.includes(name)) at.add('name', `${JSON.stringify(name)} is a reserved environment variable`);
    readString(env, 'value', at);
    const from = readObj(env, 'valueFrom', at);
    if (from && !notDisabled(ctx, 'podSpecFieldRef')) {
      for (const key of ['fieldRef', 'resourceFieldRef']) {
        if (isSet(get(from, key))) {
          at.add(`valueFrom.${key}`, `must not be set unless config-features ${FEATURE_FLAG_KEYS.podSpecFieldRef[0]} is enabled`);
        }
      }
    }
  }
  for (const [i, source] of readObjArray(container, 'envFrom', errs)) {
    const set = ['configMapRef', 'secretRef'].filter((k) => readObj(source, k, errs.at(`envFrom[${i}]`)) !== undefined);
    const problem = oneOfProblem(set, ['configMapRef', 'secretRef']);
    if (problem) errs.add(`envFrom[${i}]`, problem);
  }
}
