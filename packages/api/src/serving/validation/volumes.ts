// Pod volumes and container volume mounts, limited to the sources Knative allows.
import type { ConfigFeatures } from '../../config/config-features.js';
import { FEATURE_FLAG_KEYS } from '../../config/config-features.js';
import { isQuantity } from '../../config/quantity.js';
import type { FieldErrors } from '../../field-error.js';
import { isDns1123Label } from '../../names.js';
import type { ResolvedContext } from './context.js';
import { enabled } from './context.js';
import { DISALLOWED, REQUIRED, noneOf, oneOfProblem } from './messages.js';
import { get, isObj, isSet, readBool, readObj, readObjArray, readString } from './shape.js';
import type { Obj } from './shape.js';

type Flag = Exclude<keyof ConfigFeatures, 'securePodDefaults'>;

/** Volume sources behind a config-features flag, with what the user sees in messages. */
const GATED_SOURCES: readonly (readonly [source: string, flag: Flag, label: string])[] = [
  ['emptyDir', 'podSpecVolumesEmptyDir', 'EmptyDir'],
  ['persistentVolumeClaim', 'podSpecPersistentVolumeClaim', 'Persistent volume claim'],
  ['hostPath', 'podSpecVolumesHostPath', 'HostPath'],
  ['csi', 'podSpecVolumesCSI', 'CSI'],
  ['ephemeral', 'podSpecVolumesEphemeral', 'Ephemeral'],
  ['image', 'podSpecVolumesImage', 'Image'],
];
const ALWAYS_ALLOWED = ['secret', 'configMap', 'projected'];
/** Kubernetes volume sources Knative never lets through. */
const NEVER_ALLOWED = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'downwardAPI', 'fc', 'flexVolume', 'flocker',
  'gcePersistentDisk', 'gitRepo', 'glusterfs', 'iscsi', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte',
  'rbd', 'scaleIO', 'storageos', 'vsphereVolume',
];
const RESERVED_MOUNT_PATHS = ['/', '/dev', '/dev/log'];

/** Validates `spec.volumes` (`errs` at the pod spec); returns the volumes by name for the mounts to check against. */
export function validateVolumes(spec: Obj, mounted: ReadonlySet<string>, ctx: ResolvedContext, errs: FieldErrors): Map<string, Obj> {
  const volumes = new Map<string, Obj>();
  for (const [i, volume] of readObjArray(spec, 'volumes', errs)) {
    const at = errs.at(`volumes[${i}]`);
    const name = readString(volume, 'name', at) ?? '';
    if (name === '') at.add('name', REQUIRED);
    else if (!isDns1123Label(name)) at.add('name', `invalid value ${JSON.stringify(name)}: must be a DNS-1123 label`);
    if (volumes.has(name)) at.add('name', `duplicate volume name ${JSON.stringify(name)}`);
    if (name !== '' && !mounted.has(name)) at.add('name', `volume ${JSON.stringify(name)} is not mounted by any container`);
    validateSource(volume, name, ctx, at);
    volumes.set(name, volume);
  }
  return volumes;
}

function validateSource(volume: Obj, name: string, ctx: ResolvedContext, errs: FieldErrors): void {
  for (const key of NEVER_ALLOWED) if (isSet(get(volume, key))) errs.add(key, DISALLOWED);
  const specified = ALWAYS_ALLOWED.filter((k) => readObj(volume, k, errs));
  for (const [source, flag, label] of GATED_SOURCES) {
    if (!readObj(volume, source, errs)) continue;
    specified.push(source);
    if (!enabled(ctx, flag)) {
      errs.add(source, `${label} volume support is disabled (config-features ${FEATURE_FLAG_KEYS[flag][0]}), but found volume ${JSON.stringify(name)}`);
    }
  }
  if (specified.length === 0) {
    const offered = [...ALWAYS_ALLOWED, ...GATED_SOURCES.filter(([, flag]) => enabled(ctx, flag)).map(([s]) => s)];
    errs.add('', noneOf(offered));
  } else {
    const problem = oneOfProblem(specified, [...ALWAYS_ALLOWED, ...GATED_SOURCES.map(([source]) => source)]);
    if (problem) errs.add('', problem);
  }
  for (const key of ['secret', 'configMap']) validateItems(readObj(volume, key, errs), errs.at(key));
  const projected = readObj(volume, 'projected', errs);
  if (projected) {
    for (const [i, source] of readObjArray(projected, 'sources', errs.at('projected'))) {
      validateProjection(source, errs.at(`projected.sources[${i}]`));
    }
  }
  const emptyDir = readObj(volume, 'emptyDir', errs);
  if (emptyDir) {
    const medium = readString(emptyDir, 'medium', errs.at('emptyDir'));
    if (medium && medium !== 'Memory') errs.add('emptyDir.medium', `must be "" or "Memory", got ${JSON.stringify(medium)}`);
    const size = get(emptyDir, 'sizeLimit');
    if (isSet(size) && !(typeof size === 'number' ? size >= 0 : typeof size === 'string' && isQuantity(size) && !size.startsWith('-'))) {
      errs.add('emptyDir.sizeLimit', 'must be a non-negative quantity such as 512Mi');
    }
  }
  const pvc = readObj(volume, 'persistentVolumeClaim', errs);
  if (pvc && readBool(pvc, 'readOnly', errs.at('persistentVolumeClaim')) !== true && !enabled(ctx, 'podSpecPersistentVolumeWrite')) {
    errs.add('persistentVolumeClaim.readOnly', `must be true unless config-features ${FEATURE_FLAG_KEYS.podSpecPersistentVolumeWrite[0]} is enabled`);
  }
  const image = readObj(volume, 'image', errs);
  if (image) {
    if (!readString(image, 'reference', errs.at('image'))) errs.add('image.reference', REQUIRED);
    const policy = readString(image, 'pullPolicy', errs.at('image'));
    if (policy && !['IfNotPresent', 'Always', 'Never'].includes(policy)) {
      errs.add('image.pullPolicy', `must be IfNotPresent, Always or Never, got ${JSON.stringify(policy)}`);
    }
  }
}

function validateItems(source: Obj | undefined, errs: FieldErrors): void {
  if (!source) return;
  for (const [i, item] of readObjArray(source, 'items', errs)) {
    const at = errs.at(`items[${i}]`);
    if (!readString(item, 'key', at)) at.add('key', REQUIRED);
    if (!readString(item, 'path', at)) at.add('path', REQUIRED);
  }
}

const PROJECTIONS = ['secret', 'configMap', 'serviceAccountToken', 'downwardAPI'];

function validateProjection(source: Obj, errs: FieldErrors): void {
  for (const key of ['clusterTrustBundle', 'podCertificate']) if (isSet(get(source, key))) errs.add(key, DISALLOWED);
  const set = PROJECTIONS.filter((k) => readObj(source, k, errs));
  const problem = oneOfProblem(set, PROJECTIONS);
  if (problem) errs.add('', problem);
  for (const key of ['secret', 'configMap']) {
    const ref = readObj(source, key, errs);
    if (!ref) continue;
    if (!readString(ref, 'name', errs.at(key))) errs.add(`${key}.name`, REQUIRED);
    validateItems(ref, errs.at(key));
  }
  const token = readObj(source, 'serviceAccountToken', errs);
  if (token && !readString(token, 'path', errs.at('serviceAccountToken'))) errs.add('serviceAccountToken.path', REQUIRED);
  const downward = readObj(source, 'downwardAPI', errs);
  if (downward) {
    for (const [i, item] of readObjArray(downward, 'items', errs.at('downwardAPI'))) {
      const at = errs.at(`downwardAPI.items[${i}]`);
      const refs = ['fieldRef', 'resourceFieldRef'].filter((k) => readObj(item, k, at));
      const refProblem = oneOfProblem(refs, ['fieldRef', 'resourceFieldRef']);
      if (refProblem) at.add('', refProblem);
      if (!readString(item, 'path', at)) at.add('path', REQUIRED);
    }
  }
}

/** Go's path.Clean for absolute and relative POSIX paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/** A container's volumeMounts; `errs` sits at the container. */
export function validateVolumeMounts(container: Obj, volumes: ReadonlyMap<string, Obj>, ctx: ResolvedContext, errs: FieldErrors): void {
  const seenPaths = new Set<string>();
  for (const [i, mount] of readObjArray(container, 'volumeMounts', errs)) {
    const at = errs.at(`volumeMounts[${i}]`);
    for (const key of ['recursiveReadOnly', 'subPathExpr']) if (isSet(get(mount, key))) at.add(key, DISALLOWED);
    const name = readString(mount, 'name', at) ?? '';
    const volume = volumes.get(name);
    if (!volume) at.add('name', `no volume named ${JSON.stringify(name)} in spec.volumes`);
    const mountPath = readString(mount, 'mountPath', at) ?? '';
    const clean = cleanPath(mountPath);
    if (mountPath === '') at.add('mountPath', REQUIRED);
    else if (RESERVED_MOUNT_PATHS.includes(clean)) at.add('mountPath', `${JSON.stringify(clean)} is a reserved path`);
    else if (!mountPath.startsWith('/')) at.add('mountPath', `must be an absolute path, got ${JSON.stringify(mountPath)}`);
    else if (seenPaths.has(clean)) at.add('mountPath', `${JSON.stringify(mountPath)} must be unique`);
    seenPaths.add(clean);
    const readOnly = readBool(mount, 'readOnly', at) === true;
    // Mounts of read-only sources are forced to readOnly by defaulting, so only writable sources are checked here.
    const propagation = readString(mount, 'mountPropagation', at);
    if (propagation) {
      if (!enabled(ctx, 'podSpecVolumesMountPropagation')) {
        at.add('mountPropagation', `must not be set unless config-features ${FEATURE_FLAG_KEYS.podSpecVolumesMountPropagation[0]} is enabled`);
      } else if (propagation !== 'None' && propagation !== 'HostToContainer') {
        at.add('mountPropagation', `must be None or HostToContainer, got ${JSON.stringify(propagation)}`);
      }
    }
    const pvc = volume ? get(volume, 'persistentVolumeClaim') : undefined;
    if (isObj(pvc) && get(pvc, 'readOnly') === true && !readOnly) {
      at.add('readOnly', 'must be true: the persistent volume claim is read-only');
    }
  }
}
