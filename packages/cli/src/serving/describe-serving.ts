// kn-style descriptions of Services, Revisions and Routes.
import {
  CONFIGURATION_GENERATION_LABEL_KEY,
  MAX_SCALE_ANNOTATION,
  MIN_SCALE_ANNOTATION,
  SERVICE_LABEL_KEY,
  TARGET_ANNOTATION_KEY,
  serving,
  valueByPriority,
  type Revision,
  type Route,
  type Service,
  type TrafficTarget,
} from '@knot/api';
import { isNotFound, type Client } from '@knot/runtime';
import { age } from '../output/age.js';
import { metadataFields, type Field } from '../output/describe-sections.js';

export function serviceFields(svc: Service, now: number): Field[] {
  return [...metadataFields(svc, now), ['URL', svc.status?.url ?? '']];
}

/** Each traffic target as `100%  @latest (hello-00001) #1 [5m]`, with the revision's image below. */
export async function trafficLines(client: Client, namespace: string | undefined, targets: readonly TrafficTarget[], now: number): Promise<string[]> {
  if (targets.length === 0) return ['  <none>'];
  const lines: string[] = [];
  for (const t of targets) {
    const rev = t.revisionName ? await revisionOrUndefined(client, namespace, t.revisionName) : undefined;
    const name = t.latestRevision ? `@latest (${t.revisionName ?? t.configurationName ?? ''})` : (t.revisionName ?? t.configurationName ?? '');
    const generation = rev?.metadata?.labels?.[CONFIGURATION_GENERATION_LABEL_KEY];
    const bits = [`${String(t.percent ?? 0).padStart(3)}%`, t.tag ? `${name} #${t.tag}` : name];
    if (generation) bits.push(`[${generation}]`);
    if (rev) bits.push(`(${age(rev.metadata?.creationTimestamp, now)})`);
    lines.push(`  ${bits.join('  ')}`);
    const image = rev?.spec.containers[0]?.image;
    if (image) lines.push(`        Image:  ${image}`);
    if (t.url && t.tag) lines.push(`        URL:    ${t.url}`);
  }
  return lines;
}

export function revisionFields(rev: Revision, now: number): Field[] {
  const container = rev.spec.containers[0];
  const annotations = rev.metadata?.annotations;
  const min = valueByPriority(annotations, MIN_SCALE_ANNOTATION)?.value;
  const max = valueByPriority(annotations, MAX_SCALE_ANNOTATION)?.value;
  return [
    ...metadataFields(rev, now),
    ['Image', container?.image ?? ''],
    ...(container?.command ? [['Command', container.command.join(' ')] as Field] : []),
    ...(container?.args ? [['Args', container.args.join(' ')] as Field] : []),
    ['Env', (container?.env ?? []).map((e) => `${e.name}=${e.value ?? (e.valueFrom ? '<from source>' : '')}`)],
    ['Port', (container?.ports ?? []).map((p) => `${p.containerPort}${p.name ? ` (${p.name})` : ''}`).join(', ') || '<default>'],
    ['Concurrency', [`Limit: ${rev.spec.containerConcurrency ?? 0}`, ...(annotations?.[TARGET_ANNOTATION_KEY] ? [`Target: ${annotations[TARGET_ANNOTATION_KEY]}`] : [])]],
    ...(min !== undefined || max !== undefined ? [['Scale', `${min ?? '0'} ... ${max ?? '∞'}`] as Field] : []),
    ['Service', rev.metadata?.labels?.[SERVICE_LABEL_KEY] ?? ''],
    ['Replicas', `${rev.status?.actualReplicas ?? 0}/${rev.status?.desiredReplicas ?? 0}`],
  ];
}

export function routeFields(route: Route, now: number): Field[] {
  return [...metadataFields(route, now), ['URL', route.status?.url ?? ''], ['Service', route.metadata?.labels?.[SERVICE_LABEL_KEY] ?? '']];
}

async function revisionOrUndefined(client: Client, namespace: string | undefined, name: string): Promise<Revision | undefined> {
  try {
    return await client.get(serving.revisions, namespace, name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
