// Sends the activator's per-revision stats to the autoscaler over a websocket,
// each frame a JSON array of StatMessage. The connection is kept up with
// backoff; while it is down frames are dropped, never queued, so requests
// never wait on the autoscaler.
import WebSocket from 'ws';
import type { StatMessage } from '@knot/api';
import type { Clock, Logger, TimerHandle } from '@knot/runtime';

export interface StatReporterOptions {
  readonly url: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** First wait before reconnecting; doubles up to `maxBackoffMs`. */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

export class StatReporter {
  readonly #opts: StatReporterOptions;
  readonly #minBackoff: number;
  readonly #maxBackoff: number;
  #backoff: number;
  #socket: WebSocket | undefined;
  #retry: TimerHandle | undefined;
  #stopped = false;
  #sent = 0;
  #dropped = 0;

  constructor(opts: StatReporterOptions) {
    this.#opts = opts;
    this.#minBackoff = opts.minBackoffMs ?? 100;
    this.#maxBackoff = opts.maxBackoffMs ?? 5000;
    this.#backoff = this.#minBackoff;
  }

  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** Frames sent and dropped (while disconnected) so far. */
  get counts(): { sent: number; dropped: number } {
    return { sent: this.#sent, dropped: this.#dropped };
  }

  start(): void {
    this.#connect();
  }

  /** Sends one frame if connected; returns whether it went out. */
  send(messages: readonly StatMessage[]): boolean {
    if (messages.length === 0) return false;
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      this.#dropped++;
      return false;
    }
    socket.send(JSON.stringify(messages));
    this.#sent++;
    return true;
  }

  stop(): void {
    this.#stopped = true;
    if (this.#retry) this.#opts.clock.clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#socket?.terminate();
    this.#socket = undefined;
  }

  #connect(): void {
    if (this.#stopped) return;
    this.#retry = undefined;
    const socket = new WebSocket(this.#opts.url, { perMessageDeflate: false, handshakeTimeout: 5000 });
    this.#socket = socket;
    socket.on('open', () => {
      this.#backoff = this.#minBackoff;
      this.#opts.logger.info({ url: this.#opts.url }, 'connected to the autoscaler');
    });
    // The autoscaler sends nothing; anything it does send is ignored.
    socket.on('error', (err) => this.#opts.logger.debug({ err, url: this.#opts.url }, 'autoscaler connection failed'));
    socket.on('close', () => {
      if (this.#socket !== socket || this.#stopped) return;
      this.#socket = undefined;
      const wait = this.#backoff;
      this.#backoff = Math.min(this.#backoff * 2, this.#maxBackoff);
      this.#opts.logger.warn({ url: this.#opts.url, retryInMs: wait }, 'autoscaler connection lost; reconnecting');
      this.#retry = this.#opts.clock.setTimeout(() => this.#connect(), wait);
    });
  }
}
