// Container and pod security contexts: the fields Knative lets through, and id ranges.
import { FEATURE_FLAG_KEYS } from '../../config/config-features.js';
import type { FieldErrors } from '../../field-error.js';
import type { ResolvedContext } from './context.js';
import { enabled, notDisabled } from './context.js';
import { INT32_MAX } from './go-numbers.js';
import { DISALLOWED, notBetween } from './messages.js';
import { asArray, get, isObj, isSet, readArray, readBool, readInt, readObj } from './shape.js';
import type { Obj } from './shape.js';

const CONTAINER_DISALLOWED = ['seLinuxOptions', 'windowsOptions', 'procMount', 'appArmorProfile'];
const POD_DISALLOWED = [
  'seLinuxOptions',
  'windowsOptions',
  'sysctls',
  'fsGroupChangePolicy',
  'appArmorProfile',
  'seLinuxChangePolicy',
  'supplementalGroupsPolicy',
];

function securePodDefaultsOn(ctx: ResolvedContext): boolean {
  return ctx.features.securePodDefaults === 'Enabled' || ctx.features.securePodDefaults === 'AllowRootBounded';
}

function checkId(sc: Obj, key: string, errs: FieldErrors): void {
  const id = readInt(sc, key, errs);
  if (id !== undefined && (id < 0 || id > INT32_MAX)) errs.add(key, notBetween(0, INT32_MAX, id));
}

function disallow(sc: Obj, keys: readonly string[], errs: FieldErrors): void {
  for (const key of keys) if (isSet(get(sc, key))) errs.add(key, DISALLOWED);
}

/** A container's securityContext; `errs` sits at it. */
export function validateContainerSecurityContext(sc: Obj, ctx: ResolvedContext, errs: FieldErrors): void {
  disallow(sc, CONTAINER_DISALLOWED, errs);
  if (readBool(sc, 'privileged', errs) === true) errs.add('privileged', 'must not be true');
  checkId(sc, 'runAsUser', errs);
  checkId(sc, 'runAsGroup', errs);
  const caps = readObj(sc, 'capabilities', errs);
  const add = caps ? readArray(caps, 'add', errs.at('capabilities')) : undefined;
  if (add && add.length > 0 && !enabled(ctx, 'containerSpecAddCapabilities')) {
    const onlyBind = add.length === 1 && add[0] === 'NET_BIND_SERVICE';
    if (!(onlyBind && securePodDefaultsOn(ctx))) {
      errs.add('capabilities.add', `must not be set unless config-features ${FEATURE_FLAG_KEYS.containerSpecAddCapabilities[0]} is enabled`);
    }
  }
}

/** The pod-level securityContext; `errs` sits at it. */
export function validatePodSecurityContext(sc: Obj, ctx: ResolvedContext, errs: FieldErrors): void {
  if (!notDisabled(ctx, 'podSpecSecurityContext')) {
    // With only secure-pod-defaults on, a RuntimeDefault or Unconfined seccomp profile is all that may be set.
    for (const key of Object.keys(sc)) {
      if (!isSet(get(sc, key))) continue;
      if (key === 'seccompProfile' && securePodDefaultsOn(ctx) && seccompTypeOnly(get(sc, key))) continue;
      errs.add(key, `must not be set unless config-features ${FEATURE_FLAG_KEYS.podSpecSecurityContext[0]} is enabled`);
    }
    return;
  }
  disallow(sc, POD_DISALLOWED, errs);
  for (const key of ['runAsUser', 'runAsGroup', 'fsGroup']) checkId(sc, key, errs);
  (asArray(get(sc, 'supplementalGroups'), errs, 'supplementalGroups') ?? []).forEach((gid, i) => {
    if (typeof gid !== 'number' || !Number.isSafeInteger(gid) || gid < 0 || gid > INT32_MAX) {
      errs.add(`supplementalGroups[${i}]`, typeof gid === 'number' ? notBetween(0, INT32_MAX, gid) : 'expected an integer');
    }
  });
}

function seccompTypeOnly(v: unknown): boolean {
  if (!isObj(v)) return false;
  const type = get(v, 'type');
  return (type === 'RuntimeDefault' || type === 'Unconfined') && Object.keys(v).every((k) => k === 'type' || !isSet(get(v, k)));
}
