// Object metadata rules shared by the serving kinds.
import { ROLLOUT_DURATION_ANNOTATION, valueByPriority } from '../../constants/annotations.js';
import { VISIBILITY_CLUSTER_LOCAL, VISIBILITY_LABEL_KEY } from '../../constants/labels.js';
import { isWholeSeconds, parseGoDuration } from '../../duration.js';
import { FieldErrors } from '../../field-error.js';
import { deepEqual } from './deep-equal.js';
import { asObj, asStringMap, get, readObjArray, readString } from './shape.js';

const CREATOR_ANNOTATION = 'serving.knative.dev/creator';
const UPDATER_ANNOTATION = 'serving.knative.dev/lastModifier';
const AUTOSCALING_GROUP = 'autoscaling.knative.dev';

/** The parts of ObjectMeta the rules read, with wrong types already reported. */
export interface MetaView {
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly { readonly kind?: string; readonly name?: string }[];
}

/** Reads metadata; `errs` sits at the metadata path. */
export function readMeta(v: unknown, errs: FieldErrors): MetaView {
  const meta = asObj(v, errs, '') ?? {};
  const owners = readObjArray(meta, 'ownerReferences', errs).map(([i, ref]) => {
    const at = errs.at(`ownerReferences[${i}]`);
    return { kind: readString(ref, 'kind', at), name: readString(ref, 'name', at) };
  });
  return {
    name: readString(meta, 'name', errs),
    generateName: readString(meta, 'generateName', errs),
    namespace: readString(meta, 'namespace', errs),
    labels: asStringMap(get(meta, 'labels'), errs, 'labels'),
    annotations: asStringMap(get(meta, 'annotations'), errs, 'annotations'),
    ownerReferences: owners,
  };
}

/** Metadata read without reporting anything: for the original object on update. */
export function peekMeta(v: unknown): MetaView {
  return readMeta(v, new FieldErrors());
}

/** Autoscaling annotations only work on a revision template; anywhere else they are an error. */
export function validateNoAutoscalingAnnotations(annotations: Readonly<Record<string, string>>, errs: FieldErrors): void {
  for (const key of Object.keys(annotations)) {
    if (key.startsWith(AUTOSCALING_GROUP)) {
      errs.add(`annotations[${key}]`, 'autoscaling annotations must be put under spec.template.metadata.annotations to work');
    }
  }
}

/** A duration with whole seconds, not negative (serving.knative.dev/rollout-duration and progress-deadline). */
export function nonNegativeSecondsProblem(value: string): string | undefined {
  const ms = parseGoDuration(value);
  if (ms === undefined) return `invalid value ${JSON.stringify(value)}: not a duration such as 90s or 1m30s`;
  if (!isWholeSeconds(ms)) return `must be a whole number of seconds, got ${value}`;
  if (ms < 0) return `must not be negative, got ${value}`;
  return undefined;
}

export function validateRolloutDuration(annotations: Readonly<Record<string, string>>, errs: FieldErrors): void {
  const hit = valueByPriority(annotations, ROLLOUT_DURATION_ANNOTATION);
  if (!hit || hit.value === '') return;
  const problem = nonNegativeSecondsProblem(hit.value);
  if (problem) errs.add(`annotations[${hit.key}]`, problem);
}

/** networking.knative.dev/visibility takes one value: cluster-local. */
export function validateVisibilityLabel(labels: Readonly<Record<string, string>>, errs: FieldErrors): void {
  const value = Object.hasOwn(labels, VISIBILITY_LABEL_KEY) ? labels[VISIBILITY_LABEL_KEY] : undefined;
  if (value !== undefined && value !== VISIBILITY_CLUSTER_LOCAL) {
    errs.add(`labels[${VISIBILITY_LABEL_KEY}]`, `must be ${VISIBILITY_CLUSTER_LOCAL}, got ${JSON.stringify(value)}`);
  }
}

/** A label naming the owning object (e.g. serving.knative.dev/service) needs the matching owner reference. */
export function validateOwnerLabel(meta: MetaView, labelKey: string, ownerKind: string, errs: FieldErrors): void {
  if (!Object.hasOwn(meta.labels, labelKey)) return;
  const owner = meta.labels[labelKey];
  if (!meta.ownerReferences.some((r) => r.kind === ownerKind && r.name === owner)) {
    errs.add(`labels[${labelKey}]`, `requires an owner reference to the ${ownerKind} ${JSON.stringify(owner)}`);
  }
}

/** On update: the creator annotation never changes, and lastModifier changes only with the spec. */
export function validateCreatorAndModifier(
  oldSpec: unknown,
  newSpec: unknown,
  oldMeta: MetaView,
  newMeta: MetaView,
  errs: FieldErrors,
): void {
  if (oldMeta.annotations[CREATOR_ANNOTATION] !== newMeta.annotations[CREATOR_ANNOTATION]) {
    errs.add(`annotations[${CREATOR_ANNOTATION}]`, 'annotation value is immutable');
  }
  const updater = newMeta.annotations[UPDATER_ANNOTATION];
  if (oldMeta.annotations[UPDATER_ANNOTATION] !== updater && deepEqual(oldSpec, newSpec)) {
    errs.add(`annotations[${UPDATER_ANNOTATION}]`, `may only change with the spec, got ${JSON.stringify(updater ?? '')}`);
  }
}
