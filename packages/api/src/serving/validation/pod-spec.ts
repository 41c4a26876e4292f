// The PodSpec part of a RevisionSpec: which pod fields Knative allows, and the container layout.
import type { ConfigFeatures } from '../../config/config-features.js';
import { FEATURE_FLAG_KEYS } from '../../config/config-features.js';
import { DEFAULT_USER_PORT } from '../../constants/ports.js';
import { FieldErrors } from '../../field-error.js';
import { isDns1123Subdomain } from '../../names.js';
import { validateContainer } from './container.js';
import type { ContainerRole, ContainerScope } from './container.js';
import type { ResolvedContext } from './context.js';
import { enabled, notDisabled } from './context.js';
import { DISALLOWED, REQUIRED } from './messages.js';
import type { ServingPort } from './probes.js';
import { validatePodSecurityContext } from './security-context.js';
import { asArray, get, isObj, isSet, readObj, readObjArray, readString } from './shape.js';
import type { Obj } from './shape.js';
import { validateVolumes } from './volumes.js';

type Flag = Exclude<keyof ConfigFeatures, 'securePodDefaults'>;

/** Pod fields that belong to Knative (or make no sense for a revision) and may never be set. */
const NEVER_ALLOWED = [
  'activeDeadlineSeconds', 'ephemeralContainers', 'hostUsers', 'hostname', 'hostnameOverride', 'nodeName', 'os',
  'overhead', 'preemptionPolicy', 'priority', 'readinessGates', 'resourceClaims', 'resources', 'restartPolicy',
  'schedulingGates', 'serviceAccount', 'setHostnameAsFQDN', 'subdomain', 'terminationGracePeriodSeconds',
];

/** Pod fields a config-features flag lets through. */
const GATED: readonly (readonly [field: string, flag: Flag])[] = [
  ['affinity', 'podSpecAffinity'],
  ['topologySpreadConstraints', 'podSpecTopologySpreadConstraints'],
  ['hostAliases', 'podSpecHostAliases'],
  ['nodeSelector', 'podSpecNodeSelector'],
  ['runtimeClassName', 'podSpecRuntimeClassName'],
  ['tolerations', 'podSpecTolerations'],
  ['shareProcessNamespace', 'podSpecShareProcessNamespace'],
  ['priorityClassName', 'podSpecPriorityClassName'],
  ['schedulerName', 'podSpecSchedulerName'],
  ['dnsPolicy', 'podSpecDNSPolicy'],
  ['dnsConfig', 'podSpecDNSConfig'],
  ['hostIPC', 'podSpecHostIPC'],
  ['hostPID', 'podSpecHostPID'],
  ['hostNetwork', 'podSpecHostNetwork'],
];

const gatedMessage = (flag: Flag): string => `must not be set unless config-features ${FEATURE_FLAG_KEYS[flag][0]} is enabled`;

/** `errs` sits at the RevisionSpec (e.g. `spec.template.spec`). */
export function validatePodSpec(spec: Obj, ctx: ResolvedContext, errs: FieldErrors): void {
  for (const key of NEVER_ALLOWED) if (isSet(get(spec, key))) errs.add(key, DISALLOWED);
  for (const [key, flag] of GATED) if (isSet(get(spec, key)) && !notDisabled(ctx, flag)) errs.add(key, gatedMessage(flag));
  if (get(spec, 'automountServiceAccountToken') === true) errs.add('automountServiceAccountToken', 'may only be set to false');
  const sc = readObj(spec, 'securityContext', errs);
  if (sc) validatePodSecurityContext(sc, ctx, errs.at('securityContext'));

  const containers = readObjArray(spec, 'containers', errs);
  const inits = readObjArray(spec, 'initContainers', errs);
  const mounted = new Set<string>();
  for (const [, c] of [...containers, ...inits]) {
    for (const [, m] of readObjArray(c, 'volumeMounts', new FieldErrors())) {
      const name = get(m, 'name');
      if (typeof name === 'string') mounted.add(name);
    }
  }
  const volumes = validateVolumes(spec, mounted, ctx, errs);
  const servingPort = findServingPort(containers, errs);
  const scope: ContainerScope = { ctx, volumes, servingPort };
  validateInitContainers(inits, containers, scope, errs);

  const raw = get(spec, 'containers');
  const count = Array.isArray(raw) ? raw.length : 0;
  // A non-array was reported by readObjArray already.
  if (count === 0 && (raw === undefined || raw === null || Array.isArray(raw))) errs.add('containers', REQUIRED);
  else if (count > 1 && !enabled(ctx, 'multiContainer')) {
    errs.add('containers', `multi-container is off (config-features ${FEATURE_FLAG_KEYS.multiContainer[0]}), but found ${count} containers`);
  } else {
    const seen = new Set<string>();
    for (const [i, c] of containers) {
      const name = get(c, 'name');
      // Unnamed containers get distinct names from defaulting, so only given names can clash.
      if (count > 1 && typeof name === 'string' && name !== '') {
        if (seen.has(name)) errs.add(`containers[${i}].name`, `duplicate container name ${JSON.stringify(name)}`);
        seen.add(name);
      }
      const role: ContainerRole = count === 1 || hasPorts(c) ? 'user' : 'sidecar';
      validateContainer(c, role, scope, errs.at(`containers[${i}]`));
    }
  }
  const sa = readString(spec, 'serviceAccountName', errs);
  if (sa && !isDns1123Subdomain(sa)) errs.add('serviceAccountName', `invalid value ${JSON.stringify(sa)}: must be a DNS-1123 subdomain`);
}

function hasPorts(c: Obj): boolean {
  const ports = get(c, 'ports');
  return Array.isArray(ports) && ports.length > 0;
}

/** Exactly one port across all containers marks the serving container; it defaults to `http` on 8080. */
function findServingPort(containers: readonly (readonly [number, Obj])[], errs: FieldErrors): ServingPort {
  let first: { at: string; port: unknown } | undefined;
  for (const [i, c] of containers) {
    (asArray(get(c, 'ports'), new FieldErrors(), '') ?? []).forEach((port, j) => {
      if (!first) first = { at: `containers[${i}].ports[${j}]`, port };
      else errs.add(`containers[${i}].ports[${j}]`, `only one container port is allowed across all containers; ${first.at} is already the serving port`);
    });
  }
  if (!first && containers.length > 1) errs.add('containers', 'one container must declare the serving port in ports, found none');
  const port = isObj(first?.port) ? first.port : {};
  const name = get(port, 'name');
  const number = get(port, 'containerPort');
  return {
    name: typeof name === 'string' && name !== '' ? name : 'http',
    containerPort: typeof number === 'number' && number !== 0 ? number : DEFAULT_USER_PORT,
  };
}

function validateInitContainers(
  inits: readonly (readonly [number, Obj])[],
  containers: readonly (readonly [number, Obj])[],
  scope: ContainerScope,
  errs: FieldErrors,
): void {
  if (inits.length === 0) return;
  if (!enabled(scope.ctx, 'podSpecInitContainers')) {
    errs.add('initContainers', `${gatedMessage('podSpecInitContainers')}, but found ${inits.length} init containers`);
    return;
  }
  const names = new Set(containers.map(([, c]) => get(c, 'name')).filter((n) => typeof n === 'string' && n !== ''));
  for (const [i, c] of inits) {
    const name = get(c, 'name');
    if (typeof name === 'string' && names.has(name)) errs.add(`initContainers[${i}].name`, `duplicate container name ${JSON.stringify(name)}`);
    validateContainer(c, 'init', scope, errs.at(`initContainers[${i}]`));
  }
}
