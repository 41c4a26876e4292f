import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { KubeObject } from '@knot/api';
import type { Watch, WatchEvent } from '../client.js';
import { ApiError } from '../errors.js';
import { errorFromStatus, isRecord } from './status-mapping.js';

/** One parsed line of a watch stream. */
export type WatchLine =
  | { kind: 'event'; event: WatchEvent<KubeObject> }
  | { kind: 'bookmark'; resourceVersion: string }
  | { kind: 'error'; error: ApiError };

/** Parses one newline-delimited watch event: `{"type":"ADDED","object":{...}}`. */
export function parseWatchLine(line: string): WatchLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { kind: 'error', error: new ApiError('InternalError', `watch stream: not JSON: ${line.slice(0, 100)}`) };
  }
  if (!isRecord(parsed) || typeof parsed.type !== 'string') {
    return { kind: 'error', error: new ApiError('InternalError', 'watch stream: event without a type') };
  }
  const { type, object } = parsed;
  switch (type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
      if (!isRecord(object)) return { kind: 'error', error: new ApiError('InternalError', `watch stream: ${type} event without an object`) };
      return { kind: 'event', event: { type, object } };
    case 'BOOKMARK':
      return { kind: 'bookmark', resourceVersion: resourceVersionOf(object) };
    case 'ERROR':
      return { kind: 'error', error: errorFromStatus(object) };
    default:
      return { kind: 'error', error: new ApiError('InternalError', `watch stream: unknown event type ${type}`) };
  }
}

/**
 * A watch over a streaming response: delivers events in arrival order,
 * swallows bookmarks (remembering their resourceVersion) and ends `done` with
 * the mapped ApiError on an ERROR event, e.g. Gone for a 410.
 */
export class WatchStream<T extends KubeObject> implements Watch {
  readonly done: Promise<void>;
  readonly #cancel: () => void;
  readonly #onEvent: (event: WatchEvent<T>) => void;
  readonly #decoder = new StringDecoder('utf8');
  #buffer = '';
  #settled = false;
  #resourceVersion = '';
  #resolve!: () => void;
  #reject!: (err: unknown) => void;

  constructor(body: Readable, cancel: () => void, onEvent: (event: WatchEvent<T>) => void) {
    this.#cancel = cancel;
    this.#onEvent = onEvent;
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Marks the rejection handled so a caller that never awaits `done` does not crash the process.
    this.done.catch(() => undefined);
    body.on('data', (chunk: Buffer) => this.#push(this.#decoder.write(chunk)));
    body.on('end', () => {
      this.#push(this.#decoder.end() + '\n');
      this.#finish();
    });
    body.on('error', (err) => this.#finish(wrap(err)));
    body.on('close', () => this.#finish(this.#settled ? undefined : new ApiError('InternalError', 'watch stream closed before it ended')));
  }

  /** The newest resourceVersion seen, including bookmarks: where a new watch should resume. */
  get resourceVersion(): string {
    return this.#resourceVersion;
  }

  stop(): void {
    this.#finish();
  }

  #push(text: string): void {
    this.#buffer += text;
    let nl = this.#buffer.indexOf('\n');
    while (nl >= 0 && !this.#settled) {
      const line = this.#buffer.slice(0, nl).trim();
      this.#buffer = this.#buffer.slice(nl + 1);
      if (line) this.#handle(parseWatchLine(line));
      nl = this.#buffer.indexOf('\n');
    }
  }

  #handle(line: WatchLine): void {
    if (line.kind === 'error') return this.#finish(line.error);
    if (line.kind === 'bookmark') {
      if (line.resourceVersion) this.#resourceVersion = line.resourceVersion;
      return;
    }
    const rv = line.event.object.metadata?.resourceVersion;
    if (rv) this.#resourceVersion = rv;
    try {
      this.#onEvent(line.event as WatchEvent<T>);
    } catch (err) {
      this.#finish(err);
    }
  }

  #finish(err?: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#cancel();
    if (err === undefined) this.#resolve();
    else this.#reject(err);
  }
}

function resourceVersionOf(object: unknown): string {
  if (!isRecord(object) || !isRecord(object.metadata)) return '';
  const rv = object.metadata.resourceVersion;
  return typeof rv === 'string' ? rv : '';
}

function wrap(err: unknown): ApiError {
  const apiErr = new ApiError('InternalError', `watch stream failed: ${err instanceof Error ? err.message : String(err)}`);
  apiErr.cause = err;
  return apiErr;
}
