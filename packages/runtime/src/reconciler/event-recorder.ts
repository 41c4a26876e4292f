import { core, type KubeObject } from '@knot/api';
import type { Client } from '../client.js';
import { systemClock, type Clock } from '../clock.js';
import { isAlreadyExists, isNotFound } from '../errors.js';
import { noopLogger, type Logger } from '../logger.js';
import type { EventType } from './errors.js';

/** Records Kubernetes events about objects; never throws and never blocks the caller. */
export interface EventRecorder {
  event(obj: KubeObject, type: EventType, reason: string, message: string): void;
}

type CoreEvent = NonNullable<(typeof core.events)['__type']>;

export interface ClientEventRecorderOptions {
  client: Client;
  /** `source.component` and `reportingComponent` of every event, e.g. `service-controller`. */
  component: string;
  clock?: Clock;
  logger?: Logger;
}

interface Seen {
  name: string;
  namespace: string;
  count: number;
}

/** How many distinct events are remembered for aggregation (client-go's maxLruCacheEntries). */
const MAX_SEEN = 4096;
/** Creates retried under a fresh name when another writer took the name first. */
const NAME_ATTEMPTS = 3;

// Shared by every recorder in the process, so controllers writing about same-named objects in one millisecond never collide; the random start keeps processes apart.
let nameSeq = Math.floor(Math.random() * 1_000_000);

/** `<object>.<hex nanos>` as Kubernetes names events, the sub-millisecond digits taken from the process-wide sequence. */
function eventName(object: string, nowMs: number): string {
  const nanos = BigInt(nowMs) * 1_000_000n + BigInt(nameSeq++ % 1_000_000);
  return `${object}.${nanos.toString(16)}`;
}

/**
 * Writes core v1 Events through a Client. An event identical to one already
 * written (same object, type, reason and message) bumps that event's count and
 * lastTimestamp instead of creating another, as client-go's correlator does.
 */
export class ClientEventRecorder implements EventRecorder {
  readonly #client: Client;
  readonly #component: string;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #seen = new Map<string, Seen>();
  /** One chain of writes per aggregation key, so identical events never race into two creates. */
  readonly #pending = new Map<string, Promise<void>>();

  constructor(opts: ClientEventRecorderOptions) {
    this.#client = opts.client;
    this.#component = opts.component;
    this.#clock = opts.clock ?? systemClock;
    this.#log = opts.logger ?? noopLogger;
  }

  event(obj: KubeObject, type: EventType, reason: string, message: string): void {
    const m = obj.metadata ?? {};
    const involved = {
      apiVersion: obj.apiVersion ?? '',
      kind: obj.kind ?? '',
      ...(m.namespace ? { namespace: m.namespace } : {}),
      name: m.name ?? '',
      ...(m.uid ? { uid: m.uid } : {}),
      ...(m.resourceVersion ? { resourceVersion: m.resourceVersion } : {}),
    };
    const key = JSON.stringify([involved.apiVersion, involved.kind, involved.namespace, involved.name, involved.uid, type, reason, message]);
    const timestamp = new Date(this.#clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const write = (this.#pending.get(key) ?? Promise.resolve())
      .then(() => this.#write(key, { involved, type, reason, message, timestamp }))
      .catch((err: unknown) => this.#log.warn({ err, reason, object: involved.name }, 'could not write event'));
    this.#pending.set(key, write);
    void write.finally(() => {
      if (this.#pending.get(key) === write) this.#pending.delete(key);
    });
  }

  /** Resolves once every event recorded so far has been written (or failed). */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending.values());
  }

  async #write(key: string, e: { involved: CoreEvent['involvedObject']; type: EventType; reason: string; message: string; timestamp: string }): Promise<void> {
    const seen = this.#seen.get(key);
    if (seen) {
      this.#seen.delete(key);
      try {
        await this.#client.patch(core.events, seen.namespace, seen.name, { type: 'merge', patch: { count: seen.count + 1, lastTimestamp: e.timestamp } });
        this.#remember(key, { ...seen, count: seen.count + 1 });
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const namespace = e.involved.namespace ?? 'default';
    const event: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { namespace },
      involvedObject: e.involved,
      type: e.type,
      reason: e.reason,
      message: e.message,
      count: 1,
      firstTimestamp: e.timestamp,
      lastTimestamp: e.timestamp,
      source: { component: this.#component },
      reportingComponent: this.#component,
    };
    for (let attempt = 1; ; attempt++) {
      const name = eventName(e.involved.name ?? '', this.#clock.now());
      try {
        const created = await this.#client.create(core.events, { ...event, metadata: { name, namespace } });
        this.#remember(key, { name: created.metadata?.name ?? name, namespace, count: 1 });
        return;
      } catch (err) {
        if (!isAlreadyExists(err) || attempt >= NAME_ATTEMPTS) throw err;
      }
    }
  }

  #remember(key: string, seen: Seen): void {
    this.#seen.set(key, seen);
    if (this.#seen.size > MAX_SEEN) {
      const oldest = this.#seen.keys().next();
      if (!oldest.done) this.#seen.delete(oldest.value);
    }
  }
}
