// One container of a revision: the serving container, a sidecar or an init container.
import { FEATURE_FLAG_KEYS } from '../../config/config-features.js';
import { isQuantity } from '../../config/quantity.js';
import { RESERVED_PORTS } from '../../constants/ports.js';
import type { FieldErrors } from '../../field-error.js';
import { isDns1123Label } from '../../names.js';
import type { ResolvedContext } from './context.js';
import { enabled } from './context.js';
import { validateEnv } from './env.js';
import type { ContainerRole } from './env.js';
import { imageReferenceProblem } from './image-reference.js';
import { DISALLOWED, REQUIRED, notBetween } from './messages.js';
import { validateProbe, validateReadinessProbe } from './probes.js';
import type { ServingPort } from './probes.js';
import { validateContainerSecurityContext } from './security-context.js';
import { get, isObj, isSet, kindOf, readObj, readObjArray, readString } from './shape.js';
import type { Obj } from './shape.js';
import { validateVolumeMounts } from './volumes.js';

export type { ContainerRole } from './env.js';

/** Container fields Knative never lets through (the pod's lifecycle belongs to Knative). */
const DISALLOWED_FIELDS = ['lifecycle', 'stdin', 'stdinOnce', 'tty', 'volumeDevices', 'resizePolicy', 'restartPolicy'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PORT_NAMES = ['', 'h2c', 'http1'];
const RESERVED_CONTAINER_NAMES = ['queue-proxy'];
const TERMINATION_MESSAGE_POLICIES = ['', 'File', 'FallbackToLogsOnError'];

export interface ContainerScope {
  readonly ctx: ResolvedContext;
  readonly volumes: ReadonlyMap<string, Obj>;
  readonly servingPort: ServingPort;
}

/** Zero in Go's sense all the way down: what an empty `- {}` list entry is. */
function isZero(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(isZero);
  if (isObj(v)) return Object.keys(v).every((k) => isZero(get(v, k)));
  return !isSet(v);
}

/** `errs` sits at the container (e.g. `spec.template.spec.containers[0]`). */
export function validateContainer(container: Obj, role: ContainerRole, scope: ContainerScope, errs: FieldErrors): void {
  if (isZero(container)) {
    errs.add('', 'must not be empty: a container needs at least an image');
    return;
  }
  for (const key of DISALLOWED_FIELDS) if (isSet(get(container, key))) errs.add(key, DISALLOWED);
  const name = readString(container, 'name', errs);
  if (name && RESERVED_CONTAINER_NAMES.includes(name)) errs.add('name', `${JSON.stringify(name)} is a reserved container name`);
  else if (name && !isDns1123Label(name)) errs.add('name', `invalid value ${JSON.stringify(name)}: must be a DNS-1123 label`);
  validateEnv(container, role, scope.ctx, errs);
  const image = readString(container, 'image', errs);
  if (!image) errs.add('image', REQUIRED);
  else {
    const problem = imageReferenceProblem(image);
    if (problem) errs.add('image', `invalid image reference ${JSON.stringify(image)}: ${problem}`);
  }
  validatePorts(container, role, errs);
  validateResources(container, errs);
  const sc = readObj(container, 'securityContext', errs);
  if (sc) validateContainerSecurityContext(sc, scope.ctx, errs.at('securityContext'));
  const policy = readString(container, 'terminationMessagePolicy', errs);
  if (policy !== undefined && !TERMINATION_MESSAGE_POLICIES.includes(policy)) {
    errs.add('terminationMessagePolicy', `must be File or FallbackToLogsOnError, got ${JSON.stringify(policy)}`);
  }
  validateVolumeMounts(container, scope.volumes, scope.ctx, errs);
  validateProbes(container, role, scope, errs);
}

function validateProbes(container: Obj, role: ContainerRole, scope: ContainerScope, errs: FieldErrors): void {
  for (const key of PROBES) {
    const probe = readObj(container, key, errs);
    if (!probe) continue;
    if (role === 'init') {
      errs.add(key, 'must not be set on an init container');
    } else if (role === 'sidecar' && !enabled(scope.ctx, 'multiContainerProbing')) {
      errs.add(key, `must not be set on a sidecar unless config-features ${FEATURE_FLAG_KEYS.multiContainerProbing[0]} is enabled`);
    } else {
      const port = role === 'user' ? scope.servingPort : undefined;
      if (key === 'readinessProbe') validateReadinessProbe(probe, port, errs.at(key));
      else validateProbe(probe, port, errs.at(key));
    }
  }
}

/** The serving container's first port is its serving port; init containers may list any. */
function validatePorts(container: Obj, role: ContainerRole, errs: FieldErrors): void {
  const ports = readObjArray(container, 'ports', errs);
  for (const [i, port] of role === 'init' ? ports : ports.slice(0, 1)) {
    const at = errs.at(`ports[${i}]`);
    for (const key of ['hostIP', 'hostPort']) if (isSet(get(port, key))) at.add(key, DISALLOWED);
    const number = get(port, 'containerPort');
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
      if (number !== undefined && number !== null) at.add('containerPort', `expected an integer, got ${kindOf(number)}`);
    } else if (RESERVED_PORTS.includes(number)) {
      at.add('containerPort', `${number} is a reserved port, please use a different value`);
    } else if (number < 0 || number > 65535) at.add('containerPort', notBetween(0, 65535, number));
    if (role === 'init') continue;
    const protocol = readString(port, 'protocol', at);
    if (protocol && protocol !== 'TCP') at.add('protocol', `must be TCP, got ${JSON.stringify(protocol)}`);
    const name = readString(port, 'name', at) ?? '';
    if (!PORT_NAMES.includes(name)) at.add('name', `port name ${JSON.stringify(name)} is not allowed: use h2c, http1 or leave it empty`);
  }
}

function validateResources(container: Obj, errs: FieldErrors): void {
  const resources = readObj(container, 'resources', errs);
  if (!resources) return;
  if (isSet(get(resources, 'claims'))) errs.add('resources.claims', DISALLOWED);
  for (const kind of ['limits', 'requests']) {
    const list = readObj(resources, kind, errs.at('resources'));
    for (const [resource, value] of Object.entries(list ?? {})) {
      const ok = typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && isQuantity(value);
      if (!ok) errs.add(`resources.${kind}[${resource}]`, `not a quantity: ${typeof value === 'string' ? JSON.stringify(value) : kindOf(value)}`);
    }
  }
}
