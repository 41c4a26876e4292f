// A watch as kube-apiserver streams it: one JSON `{type, object}` per line on
// a chunked 200 response. Without a resourceVersion (or with "0") it starts
// with an ADDED for every current object; with one, it resumes after it, or
// sends one ERROR event with a 410 Expired Status when that version is no
// longer retained. Bookmarks (when asked for) carry the newest version the
// watch has passed, so a client can resume from it after a quiet spell.
import type http from 'node:http';
import type { KubeObject } from '@knot/api';
import { isGone, type Client, type Clock, type TimerHandle, type Watch } from '@knot/runtime';
import type { Selection } from './field-selector.js';
import type { ReadOptions } from './query-options.js';
import type { ServedResource } from './served-resources.js';
import { failureStatus, statusOf } from './status-error.js';

export interface WatchSettings {
  readonly client: Client;
  readonly clock: Clock;
  /** How often a watch that allows bookmarks gets one. */
  readonly bookmarkIntervalMs: number;
  /** Used when the request gives no timeoutSeconds (kube-apiserver: 30 to 60 minutes). */
  readonly defaultTimeoutMs: number;
  /** A client this far behind (bytes queued) is cut off rather than buffered without end. */
  readonly maxBufferedBytes: number;
}

/** The bookmark marking the end of the initial events, as Kubernetes annotates it. */
export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end';

/** Streams one watch; resolves when it has ended. Call `stop` (from the returned handle's owner) to end it early. */
export class WatchStream {
  readonly #settings: WatchSettings;
  readonly #served: ServedResource;
  readonly #render: (obj: KubeObject) => unknown;
  readonly #res: http.ServerResponse;
  readonly #timers: TimerHandle[] = [];
  #watch: Watch | undefined;
  #lastVersion: string | undefined;
  #matches: ((obj: KubeObject) => boolean) | undefined;
  // Keys of the objects this watch has shown, when it filters beyond what the Client selects.
  readonly #shown = new Set<string>();
  #ended = false;
  #resolve!: () => void;
  readonly done: Promise<void>;

  /** `render` turns a stored object into what an event carries (the served version, or a Table row). */
  constructor(settings: WatchSettings, served: ServedResource, res: http.ServerResponse, render: (obj: KubeObject) => unknown) {
    this.#settings = settings;
    this.#served = served;
    this.#render = render;
    this.#res = res;
    this.done = new Promise((resolve) => (this.#resolve = resolve));
    res.on('close', () => this.stop());
  }

  async run(namespace: string | undefined, opts: ReadOptions, sel: Selection): Promise<void> {
    const { client, clock } = this.#settings;
    const { rt } = this.#served;
    this.#res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
    this.#res.flushHeaders();
    const timeoutMs = opts.timeoutSeconds !== undefined ? opts.timeoutSeconds * 1000 : this.#settings.defaultTimeoutMs;
    this.#timers.push(clock.setTimeout(() => this.stop(), timeoutMs));
    if (opts.allowWatchBookmarks) this.#scheduleBookmark();
    const selectors = { labelSelector: sel.labelSelector, fieldSelector: sel.fieldSelector };
    this.#matches = sel.matches;
    let from = opts.resourceVersion === '0' ? undefined : opts.resourceVersion;
    try {
      if (from === undefined || opts.sendInitialEvents === true) {
        const list = await client.list(rt, namespace, selectors);
        if (opts.sendInitialEvents !== false) for (const item of list.items) this.#send('ADDED', item);
        from = list.resourceVersion;
        this.#lastVersion = from;
        if (opts.sendInitialEvents === true && opts.allowWatchBookmarks) this.#bookmark({ [INITIAL_EVENTS_END_ANNOTATION]: 'true' });
      }
      if (this.#ended) return;
      this.#watch = await client.watch(rt, namespace, { ...selectors, resourceVersion: from }, (e) => this.#send(e.type, e.object));
      if (this.#ended) this.#watch.stop();
      await this.#watch.done;
    } catch (err) {
      this.#sendError(err);
    } finally {
      this.stop();
    }
    await this.done;
  }

  /** Ends the watch and its response. */
  stop(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#watch?.stop();
    for (const t of this.#timers) this.#settings.clock.clearTimeout(t);
    this.#res.end();
    this.#resolve();
  }

  #scheduleBookmark(): void {
    this.#timers.push(
      this.#settings.clock.setTimeout(() => {
        if (this.#ended) return;
        this.#bookmark();
        this.#scheduleBookmark();
      }, this.#settings.bookmarkIntervalMs),
    );
  }

  #bookmark(annotations?: Record<string, string>): void {
    if (this.#lastVersion === undefined) return;
    const object = { apiVersion: this.#served.apiVersion, kind: this.#served.rt.kind, metadata: { resourceVersion: this.#lastVersion, ...(annotations ? { annotations } : {}) } };
    this.#write({ type: 'BOOKMARK', object });
  }

  #send(type: string, object: KubeObject): void {
    if (this.#ended) return;
    const rv = object.metadata?.resourceVersion;
    if (rv) this.#lastVersion = rv;
    const shownAs = this.#matches ? this.#filtered(type, object) : type;
    if (shownAs) this.#write({ type: shownAs, object: this.#render(object) });
  }

  // As Kubernetes does for selectors: an object entering the selection is ADDED, one leaving it DELETED.
  // (On a watch resumed from a version, an object already shown before the resume reads as ADDED.)
  #filtered(type: string, object: KubeObject): string | undefined {
    const key = `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
    const was = this.#shown.has(key);
    const is = type !== 'DELETED' && (this.#matches?.(object) ?? true);
    if (is) this.#shown.add(key);
    else this.#shown.delete(key);
    if (is) return was ? 'MODIFIED' : 'ADDED';
    return was ? 'DELETED' : undefined;
  }

  #sendError(err: unknown): void {
    if (this.#ended) return;
    const status = isGone(err) ? failureStatus(410, 'Expired', err.message).body : statusOf(err).body;
    this.#write({ type: 'ERROR', object: status });
  }

  #write(event: { type: string; object: unknown }): void {
    if (this.#ended) return;
    this.#res.write(`${JSON.stringify(event)}\n`);
    if (this.#res.writableLength > this.#settings.maxBufferedBytes) this.stop();
  }
}
