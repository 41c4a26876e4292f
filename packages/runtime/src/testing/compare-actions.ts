import type { KubeObject } from '@knot/api';
import type { Patch } from '../client.js';
import type { Action, WriteVerb } from './recording-client.js';

/** A wanted delete; `resource` (`plural.group`) is checked only when given. */
export interface WantDelete {
  resource?: string;
  namespace?: string;
  name: string;
}

/** A wanted patch; `resource` is checked only when given. */
export interface WantPatch {
  resource?: string;
  namespace?: string;
  name: string;
  patch: Patch;
  subresource?: 'status';
}

/** What a reconcile should have written. A missing list means "none": every write must be wanted. */
export interface WantActions {
  creates?: readonly KubeObject[];
  updates?: readonly KubeObject[];
  statusUpdates?: readonly KubeObject[];
  deletes?: readonly WantDelete[];
  patches?: readonly WantPatch[];
  /** `Type Reason message`, in order. */
  events?: readonly string[];
}

export interface GotActions {
  actions: readonly Action[];
  events: readonly string[];
}

/** Metadata the server fills in, which a wanted object never spells out. */
const SERVER_METADATA = ['resourceVersion', 'uid', 'creationTimestamp', 'managedFields', 'generation', 'selfLink'] as const;

/**
 * The differences between wanted and recorded writes and events, one readable
 * line per difference; empty when they match.
 */
export function compareActions(want: WantActions, got: GotActions): string[] {
  const of = (verb: WriteVerb) => got.actions.filter((a) => a.verb === verb);
  return [
    ...compareList('create', want.creates ?? [], of('create'), (w, g) => diffJson(normalize(w), normalize(g.object))),
    ...compareList('update', want.updates ?? [], of('update'), (w, g) => diffJson(normalize(w), normalize(g.object))),
    ...compareList('status update', want.statusUpdates ?? [], of('updateStatus'), (w, g) => diffJson(normalize(w), normalize(g.object))),
    ...compareList('delete', want.deletes ?? [], of('delete'), (w, g) => diffJson(pick(w, g), { resource: g.resource, namespace: g.namespace, name: g.name })),
    ...compareList('patch', want.patches ?? [], of('patch'), (w, g) =>
      diffJson({ ...pick(w, g), patch: normalizePatch(w.patch), subresource: w.subresource }, { resource: g.resource, namespace: g.namespace, name: g.name, patch: normalizePatch(g.patch), subresource: g.subresource }),
    ),
    ...compareList('event', want.events ?? [], got.events, (w, g) => (w === g ? [] : [`want ${JSON.stringify(w)}, got ${JSON.stringify(g)}`])),
  ];
}

function compareList<W, G>(what: string, want: readonly W[], got: readonly G[], diff: (w: W, g: G) => string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    const w = want[i];
    const g = got[i];
    if (g === undefined) out.push(`missing ${what} #${i + 1}: ${summary(w)}`);
    else if (w === undefined) out.push(`unexpected ${what} #${i + 1}: ${summary(g)}`);
    else {
      const lines = diff(w, g);
      if (lines.length > 0) out.push(`${what} #${i + 1} differs (- want, + got):\n${lines.map((l) => `    ${l}`).join('\n')}`);
    }
  }
  return out;
}

/** The recorded fields a wanted delete or patch names; unnamed ones are not compared. */
function pick(want: WantDelete, got: Action): Record<string, unknown> {
  return { resource: want.resource ?? got.resource, namespace: want.namespace, name: want.name };
}

function normalize(obj: unknown): unknown {
  if (!isRecord(obj) || !isRecord(obj.metadata)) return obj;
  const metadata = { ...obj.metadata };
  for (const field of SERVER_METADATA) delete metadata[field];
  return { ...obj, metadata };
}

function normalizePatch(patch: Patch | undefined): unknown {
  if (patch?.type !== 'merge') return patch;
  return { type: 'merge', patch: normalize(patch.patch) };
}

/** Paths where two JSON values differ, as `path: - want / + got` lines; undefined counts as absent. */
export function diffJson(want: unknown, got: unknown, path = ''): string[] {
  if (want === got) return [];
  if (isRecord(want) && isRecord(got)) {
    const keys = [...new Set([...Object.keys(want), ...Object.keys(got)])].sort();
    return keys.flatMap((k) => diffJson(want[k], got[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(want) && Array.isArray(got) && want.length === got.length) {
    return want.flatMap((w, i) => diffJson(w, got[i], `${path}[${i}]`));
  }
  if (JSON.stringify(want) === JSON.stringify(got)) return [];
  return [`${path || '(root)'}: - ${show(want)} + ${show(got)}`];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

function summary(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (isRecord(v) && 'verb' in v) {
    const a = v as unknown as Action;
    return `${a.resource} ${a.namespace ? `${a.namespace}/` : ''}${a.name} ${JSON.stringify(a.object ?? a.patch ?? {})}`;
  }
  return JSON.stringify(normalize(v));
}
