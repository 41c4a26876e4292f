// A v1alpha1 ServiceSpec → v1: each rollout mode becomes a template plus traffic, as
// Knative's conversion did (release: `current`, `candidate` and a 0% `latest` tag).
import type { FieldErrors } from '../../field-error.js';
import { notBetween, severalOf } from '../validation/messages.js';
import { get, isObj, kindOf, show } from '../validation/shape.js';
import type { Obj } from '../validation/shape.js';
import { configurationSpecToV1, configurationTemplateToV1, copy, isPresent } from './convert-template.js';
import type { Json } from './convert-template.js';
import { trafficToV1 } from './convert-traffic.js';

const MODES = ['runLatest', 'release', 'pinned', 'manual'] as const;
type Mode = (typeof MODES)[number] | 'inline';

/** The name v1alpha1 used for "the latest ready revision" in `release.revisions`. */
export const LATEST_REVISION_NAME = '@latest';

/** What a manual-mode Service converts to: the spec it already has. */
export interface ServiceConversionOptions {
  /** The stored v1 Service, whose template and traffic a `manual` Service keeps. */
  readonly current?: unknown;
}

/** `errs` sits at `spec`. */
export function serviceSpecToV1(spec: Obj, errs: FieldErrors, opts: ServiceConversionOptions): Json {
  const mode = modeOf(spec, errs);
  switch (mode) {
    case undefined:
      return {};
    case 'inline':
      return inlineSpec(spec, errs);
    case 'runLatest':
      return { ...configurationOf(spec, 'runLatest', errs), traffic: [{ latestRevision: true, percent: 100 }] };
    case 'pinned':
      return pinned(spec, errs);
    case 'release':
      return release(spec, errs);
    case 'manual':
      return manual(errs, opts);
  }
}

function modeOf(spec: Obj, errs: FieldErrors): Mode | undefined {
  const set: Mode[] = MODES.filter((m) => isPresent(get(spec, m)));
  const inline = ['template', 'revisionTemplate', 'traffic', 'build'].filter((k) => isPresent(get(spec, k)));
  if (inline.length > 0 || set.length === 0) set.push('inline');
  if (set.length === 1) return set[0];
  const named = set.map((m) => (m === 'inline' ? inline.join('/') : m));
  errs.add('', severalOf(named, [...MODES, 'template/traffic']));
  return undefined;
}

function inlineSpec(spec: Obj, errs: FieldErrors): Json {
  const out: Json = { ...configurationSpecToV1(spec, errs) };
  if (isPresent(get(spec, 'traffic'))) out.traffic = trafficToV1(get(spec, 'traffic'), errs.at('traffic'), true);
  return out;
}

/** The `configuration` of a mode, as a v1 `{ template }`. */
function configurationOf(spec: Obj, mode: string, errs: FieldErrors): Json {
  const block = get(spec, mode);
  if (!isObj(block)) {
    errs.add(mode, `expected an object, got ${kindOf(block)}`);
    return {};
  }
  const configuration = get(block, 'configuration');
  if (!isObj(configuration)) {
    if (isPresent(configuration)) errs.add(`${mode}.configuration`, `expected an object, got ${kindOf(configuration)}`);
    return {};
  }
  const template = configurationTemplateToV1(configuration, errs.at(`${mode}.configuration`));
  return template ? { template } : {};
}

function pinned(spec: Obj, errs: FieldErrors): Json {
  const out = configurationOf(spec, 'pinned', errs);
  const block = get(spec, 'pinned');
  const revisionName = isObj(block) ? get(block, 'revisionName') : undefined;
  if (typeof revisionName !== 'string' || revisionName === '') {
    errs.add('pinned.revisionName', isPresent(revisionName) ? `expected a revision name, got ${show(revisionName)}` : 'required');
    return out;
  }
  return { ...out, traffic: [{ revisionName, percent: 100 }] };
}

function release(spec: Obj, errs: FieldErrors): Json {
  const out = configurationOf(spec, 'release', errs);
  const block = get(spec, 'release');
  if (!isObj(block)) return out;
  const revisions = releaseRevisions(get(block, 'revisions'), errs.at('release.revisions'));
  const rollout = rolloutPercent(get(block, 'rolloutPercent'), revisions?.length ?? 0, errs.at('release.rolloutPercent'));
  if (!revisions || rollout === undefined) return out;
  const [current, candidate] = revisions;
  const traffic: Json[] = [{ tag: 'current', ...revisionTarget(current ?? ''), percent: 100 - rollout }];
  if (candidate !== undefined) traffic.push({ tag: 'candidate', ...revisionTarget(candidate), percent: rollout });
  // Knative kept a `latest` URL pointing at the newest ready revision, taking no traffic.
  traffic.push({ tag: 'latest', latestRevision: true });
  return { ...out, traffic };
}

function revisionTarget(name: string): Json {
  return name === LATEST_REVISION_NAME ? { latestRevision: true } : { revisionName: name };
}

function releaseRevisions(v: unknown, errs: FieldErrors): string[] | undefined {
  if (!Array.isArray(v)) {
    errs.add('', isPresent(v) ? `expected an array, got ${kindOf(v)}` : 'required: one or two revision names, [current] or [current, candidate]');
    return undefined;
  }
  if (v.length < 1 || v.length > 2) {
    errs.add('', `expected one or two revision names, [current] or [current, candidate], got ${v.length}`);
    return undefined;
  }
  const names: string[] = [];
  v.forEach((name: unknown, i) => {
    if (typeof name === 'string' && name !== '') names.push(name);
    else errs.add(`[${i}]`, `expected a revision name or ${JSON.stringify(LATEST_REVISION_NAME)}, got ${show(name)}`);
  });
  return names.length === v.length ? names : undefined;
}

function rolloutPercent(v: unknown, revisions: number, errs: FieldErrors): number | undefined {
  if (!isPresent(v)) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    errs.add('', `expected an integer, got ${show(v)}`);
    return undefined;
  }
  if (v < 0 || v > 99) {
    errs.add('', notBetween(0, 99, v));
    return undefined;
  }
  if (revisions === 1 && v !== 0) {
    errs.add('', `must be 0 with a single revision (no candidate to send ${v}% to)`);
    return undefined;
  }
  return v;
}

function manual(errs: FieldErrors, opts: ServiceConversionOptions): Json {
  const spec = isObj(opts.current) ? get(opts.current, 'spec') : undefined;
  if (isObj(spec)) return { ...copy(spec) };
  errs.add('manual', 'cannot be converted without the stored Service: in v1 a Service always manages its Configuration and Route; use spec.template and spec.traffic');
  return {};
}
