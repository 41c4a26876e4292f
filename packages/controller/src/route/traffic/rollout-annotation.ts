// The rollout state as the JSON Knative keeps in the Ingress's `networking.internal.knative.dev/rollout` annotation.
import { rolloutValid, type ConfigurationRollout, type RevisionRollout, type Rollout, type RolloutParams } from './rollout.js';

/** JSON with Knative's field order and omitted empty fields, so both read each other's annotations. */
export function serializeRollout(ro: Rollout): string {
  const configurations = (ro.configurations ?? []).map((c) => ({
    configurationName: c.configurationName,
    ...(c.tag ? { tag: c.tag } : {}),
    percent: c.percent,
    ...(c.revisions?.length ? { revisions: c.revisions.map((r) => ({ revisionName: r.revisionName, percent: r.percent })) } : {}),
    stepParams: {
      ...(c.stepParams.starttime ? { starttime: c.stepParams.starttime } : {}),
      ...(c.stepParams.nextStepTime ? { nextStepTime: c.stepParams.nextStepTime } : {}),
      ...(c.stepParams.stepDuration ? { stepDuration: c.stepParams.stepDuration } : {}),
      ...(c.stepParams.stepSize ? { stepSize: c.stepParams.stepSize } : {}),
    },
  }));
  return JSON.stringify(configurations.length ? { configurations } : {});
}

/**
 * The rollout in an annotation, or undefined when it is absent, malformed or
 * inconsistent; rollouts are not critical, so a bad one is dropped, as Knative does.
 */
export function parseRollout(text: string | undefined): Rollout | undefined {
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(raw)) return undefined;
  const list = raw.configurations ?? [];
  if (!Array.isArray(list)) return undefined;
  const configurations: ConfigurationRollout[] = [];
  for (const item of list) {
    const c = configurationOf(item);
    if (!c) return undefined;
    configurations.push(c);
  }
  const ro: Rollout = configurations.length ? { configurations } : {};
  return rolloutValid(ro) ? ro : undefined;
}

function configurationOf(v: unknown): ConfigurationRollout | undefined {
  if (!isRecord(v)) return undefined;
  const name = str(v.configurationName);
  const tag = str(v.tag);
  const percent = int(v.percent);
  const revisions = v.revisions === undefined || v.revisions === null ? [] : Array.isArray(v.revisions) ? v.revisions.map(revisionOf) : [undefined];
  const params = v.stepParams === undefined || v.stepParams === null ? {} : paramsOf(v.stepParams);
  if (name === undefined || tag === undefined || percent === undefined || !params || revisions.some((r) => !r)) return undefined;
  return {
    configurationName: name,
    ...(tag ? { tag } : {}),
    percent,
    ...(revisions.length ? { revisions: revisions as RevisionRollout[] } : {}),
    stepParams: params,
  };
}

function revisionOf(v: unknown): RevisionRollout | undefined {
  if (!isRecord(v)) return undefined;
  const revisionName = str(v.revisionName);
  const percent = int(v.percent);
  return revisionName === undefined || percent === undefined ? undefined : { revisionName, percent };
}

function paramsOf(v: unknown): RolloutParams | undefined {
  if (!isRecord(v)) return undefined;
  const out: RolloutParams = {};
  for (const key of ['starttime', 'nextStepTime', 'stepDuration', 'stepSize'] as const) {
    const n = int(v[key]);
    if (n === undefined) return undefined;
    if (n !== 0) out[key] = n;
  }
  return out;
}

/** Go's zero value for absent fields; undefined for a value of the wrong type. */
function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : undefined;
}

function int(v: unknown): number | undefined {
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
