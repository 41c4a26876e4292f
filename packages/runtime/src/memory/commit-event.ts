import { type KubeObject, resourceKey } from '@knot/api';
import type { WatchEventType } from '../client.js';
import { objectKey } from './object-table.js';
import { DECIMAL, dumpResource, type DumpedResource, invalid, isRecord, parseDumpedObject, parseDumpedResource, type StoreDump } from './store-dump.js';

/** One committed write as `MemoryStore`'s `onCommit` sees it: enough to redo it on a dump. */
export interface CommitEvent {
  readonly type: WatchEventType;
  readonly resource: DumpedResource;
  /** The object as the write stored it; for DELETED, as it was removed, carrying the deletion's resourceVersion. */
  readonly object: KubeObject;
  /** The store's resourceVersion after the write: one more than before it. */
  readonly resourceVersion: string;
}

const TYPES: ReadonlySet<string> = new Set<WatchEventType>(['ADDED', 'MODIFIED', 'DELETED']);
const WHAT = 'commit event';

/** Checks a commit event read back from disk; errors name the offending path. */
export function parseCommitEvent(value: unknown): CommitEvent {
  if (!isRecord(value)) throw invalid(WHAT, '$', 'must be an object');
  const { type, resourceVersion } = value;
  if (typeof type !== 'string' || !TYPES.has(type)) throw invalid(WHAT, 'type', 'must be ADDED, MODIFIED or DELETED');
  if (typeof resourceVersion !== 'string' || !DECIMAL.test(resourceVersion) || resourceVersion === '0') {
    throw invalid(WHAT, 'resourceVersion', 'must be a positive decimal string');
  }
  const rt = parseDumpedResource(value.resource, 'resource', WHAT);
  const object = parseDumpedObject(value.object, rt, Number(resourceVersion), 'object', WHAT);
  if (object.metadata?.resourceVersion !== resourceVersion) throw invalid(WHAT, 'object.metadata.resourceVersion', `must be the event's resourceVersion, ${resourceVersion}`);
  return { type: type as WatchEventType, resource: dumpResource(rt), object, resourceVersion };
}

interface KindItems {
  readonly resource: DumpedResource;
  readonly items: Map<string, KubeObject>;
}

const keyOf = (resource: DumpedResource, obj: KubeObject): string => objectKey(resource.namespaced ? obj.metadata?.namespace : undefined, obj.metadata?.name ?? '');

/**
 * The dump with `events` redone in order: what the store that made it holds
 * after committing them. Events at or below the dump's resourceVersion are
 * already in it and skipped.
 */
export function applyCommits(dump: StoreDump, events: Iterable<CommitEvent>): StoreDump {
  const kinds = new Map<string, KindItems>();
  for (const { resource, items } of dump.kinds) kinds.set(resourceKey(resource), { resource, items: new Map(items.map((o) => [keyOf(resource, o), o])) });
  let version = Number(dump.resourceVersion);
  for (const event of events) {
    const rv = Number(event.resourceVersion);
    if (rv <= version) continue;
    version = rv;
    const key = resourceKey(event.resource);
    let kind = kinds.get(key);
    if (!kind) kinds.set(key, (kind = { resource: event.resource, items: new Map() }));
    if (event.type === 'DELETED') kind.items.delete(keyOf(kind.resource, event.object));
    else kind.items.set(keyOf(kind.resource, event.object), event.object);
  }
  const out = [...kinds.values()].filter((k) => k.items.size > 0).map((k) => ({ resource: k.resource, items: [...k.items.values()] }));
  return { resourceVersion: String(version), kinds: out };
}
