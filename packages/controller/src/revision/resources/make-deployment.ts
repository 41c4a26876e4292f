// The Deployment that runs a revision's pods (Knative's resources.MakeDeployment).
import { INITIAL_SCALE_ANNOTATION, MIN_SCALE_ANNOTATION, parseGoDuration, PROGRESS_DEADLINE_ANNOTATION_KEY, valueByPriority, type Revision } from '@knot/api';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { newControllerRef } from '../../kmeta/owner-refs.js';
import { makePodSpec } from './make-pod-spec.js';
import type { RevisionBuildContext } from './make-queue-container.js';
import { DEFAULT_CONTAINER_ANNOTATION, DEPLOYMENT_HASH_LABEL_KEY, deploymentName, makeAnnotations, makeLabels, makeSelector, userContainer } from './revision-meta.js';

/** The Deployment for `rev`, labelled with the hash of what it wants so a changed desire (say, a new queue-proxy image) is noticed. */
export function makeDeployment(rev: Revision, ctx: RevisionBuildContext): Deployment {
  const labels = makeLabels(rev);
  const annotations = makeAnnotations(rev);
  const podAnnotations = { ...annotations };
  const userName = userContainer(rev.spec)?.name;
  if (userName) podAnnotations[DEFAULT_CONTAINER_ANNOTATION] = userName;

  const d: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: deploymentName(rev),
      namespace: rev.metadata?.namespace ?? '',
      labels,
      ...nonEmpty('annotations', annotations),
      ownerReferences: [newControllerRef(rev)],
    },
    spec: {
      replicas: initialReplicas(rev, ctx),
      selector: makeSelector(rev),
      progressDeadlineSeconds: progressDeadlineSeconds(rev, ctx),
      revisionHistoryLimit: 0,
      // Roll out slowly but steadily: never below the current number of available pods.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } },
      template: {
        metadata: { labels: { ...labels }, ...nonEmpty('annotations', podAnnotations) },
        spec: makePodSpec(rev, ctx),
      },
    },
  };
  labels[DEPLOYMENT_HASH_LABEL_KEY] = deploymentHash(d);
  return d;
}

/**
 * A short hash of the Deployment's spec, annotations and labels (without the
 * hash label), as Knative keeps in serving.knative.dev/deployment-hash: the
 * reconciler compares hashes instead of specs the API server has defaulted.
 */
export function deploymentHash(d: Deployment): string {
  const { [DEPLOYMENT_HASH_LABEL_KEY]: _old, ...labels } = d.metadata?.labels ?? {};
  return fnv1a32(canonicalJson({ spec: d.spec, annotations: d.metadata?.annotations ?? {}, labels })).toString(36);
}

/** JSON with object keys sorted, so equal values hash equally whatever order they were built in. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

// FNV-1a, 32 bits, over the UTF-16 code units: a cheap, stable fingerprint (not a security boundary).
function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The replicas a new Deployment starts with: the initial-scale annotation, else
 * config-autoscaler's initial-scale, raised to min-scale (the autoscaler would
 * raise it at once anyway). Zero only when allow-zero-initial-scale is on.
 */
export function initialReplicas(rev: Revision, { config }: RevisionBuildContext): number {
  const annotations = rev.metadata?.annotations;
  const auto = config.autoscaler;
  let initial = wholeNumber(valueByPriority(annotations, INITIAL_SCALE_ANNOTATION)?.value) ?? auto.initialScale;
  if (initial === 0 && !auto.allowZeroInitialScale) initial = 1;
  const min = wholeNumber(valueByPriority(annotations, MIN_SCALE_ANNOTATION)?.value) ?? auto.minScale;
  return Math.max(initial, min);
}

/** The progress-deadline annotation (a Go duration), else config-deployment's progress-deadline, in whole seconds. */
export function progressDeadlineSeconds(rev: Revision, { config }: RevisionBuildContext): number {
  const annotated = rev.metadata?.annotations?.[PROGRESS_DEADLINE_ANNOTATION_KEY];
  const ms = annotated === undefined ? undefined : parseGoDuration(annotated);
  return Math.floor((ms !== undefined && ms > 0 ? ms : config.deployment.progressDeadlineMs) / 1000);
}

// The webhook validated these annotations; anything unreadable falls back to config, never fails the revision.
function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 2 ** 31 - 1 ? n : undefined;
}

function nonEmpty<K extends string>(key: K, map: Record<string, string>): { [P in K]?: Record<string, string> } {
  return (Object.keys(map).length > 0 ? { [key]: map } : {}) as { [P in K]?: Record<string, string> };
}
