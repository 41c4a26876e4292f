// Building blocks of `knot describe`: aligned fields, maps, conditions in kn's
// style, and the recent Events about an object.
import { core, type Condition, type KubeObject, type ResourceType } from '@knot/api';
import type { Client } from '@knot/runtime';
import type { Event } from 'kubernetes-types/core/v1.js';
import { stringify } from 'yaml';
import { age } from './age.js';
import { conditionsOf } from './conditions.js';
import { renderTable } from './table.js';

export type Field = readonly [label: string, value: string | readonly string[]];

/** `Label:  value` lines with the values aligned; list values continue under the first. */
export function fields(rows: readonly Field[], indent = ''): string[] {
  const width = Math.max(0, ...rows.map(([label]) => label.length + 1));
  return rows.flatMap(([label, value]) => {
    const values = typeof value === 'string' ? [value] : value.length > 0 ? value : ['<none>'];
    return values.map((v, i) => `${indent}${(i === 0 ? `${label}:` : '').padEnd(width)}  ${v}`.trimEnd());
  });
}

export function mapLines(map: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(map ?? {}).map(([k, v]) => `${k}=${v.length > 80 ? `${v.slice(0, 77)}...` : v}`);
}

/** Name, namespace, labels, annotations and age: the head of every describe. */
export function metadataFields(obj: KubeObject, now: number): Field[] {
  const meta = obj.metadata ?? {};
  return [
    ['Name', meta.name ?? ''],
    ...(meta.namespace ? [['Namespace', meta.namespace] as Field] : []),
    ['Labels', mapLines(meta.labels)],
    ['Annotations', mapLines(meta.annotations)],
    ['Age', age(meta.creationTimestamp, now)],
  ];
}

const MARKS: Record<string, string> = { True: '++', False: '!!', Unknown: '??' };

/** kn's condition table: `++` True, `!!` False, `??` Unknown, ` W`/` I` for warnings and infos. */
export function conditionLines(obj: KubeObject, now: number): string[] {
  const list = conditionsOf(obj);
  if (list.length === 0) return ['Conditions:', '  <none>'];
  const mark = (c: Condition) => (c.severity === 'Warning' ? ' W' : c.severity === 'Info' ? ' I' : (MARKS[c.status] ?? '??'));
  const rows = list.map((c) => [mark(c), c.type, age(c.lastTransitionTime, now), c.reason ?? '', c.message ?? '']);
  return ['Conditions:', ...renderTable(['OK', 'Type', 'Age', 'Reason', 'Message'], rows).map((l) => `  ${l}`)];
}

/** A YAML rendering of a value, indented under a heading. */
export function yamlSection(title: string, value: unknown): string[] {
  if (value === undefined) return [];
  return [`${title}:`, ...stringify(value).trimEnd().split('\n').map((l) => `  ${l}`)];
}

/** The latest Events about the object, oldest first; none when events cannot be read. */
export async function eventLines(client: Client, rt: ResourceType, obj: KubeObject, now: number, limit = 10): Promise<string[]> {
  let events: Event[];
  try {
    const list = await client.list(core.events, obj.metadata?.namespace);
    events = list.items.filter((e) => involves(e, rt, obj));
  } catch {
    return [];
  }
  if (events.length === 0) return ['Events:  <none>'];
  const when = (e: Event) => e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  events.sort((a, b) => Date.parse(when(a) ?? '') - Date.parse(when(b) ?? ''));
  const rows = events.slice(-limit).map((e) => [e.type ?? '', e.reason ?? '', age(when(e), now), e.source?.component ?? e.reportingComponent ?? '', (e.message ?? '').trim()]);
  return ['Events:', ...renderTable(['Type', 'Reason', 'Age', 'From', 'Message'], rows).map((l) => `  ${l}`)];
}

function involves(e: Event, rt: ResourceType, obj: KubeObject): boolean {
  const ref = e.involvedObject;
  if (ref.name !== obj.metadata?.name || ref.kind !== rt.kind) return false;
  if (ref.uid && obj.metadata?.uid && ref.uid !== obj.metadata.uid) return false;
  const group = ref.apiVersion?.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.lastIndexOf('/')) : '';
  return ref.apiVersion === undefined || group === rt.group;
}
