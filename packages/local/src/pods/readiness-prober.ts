// A container's readiness probe, run on the injected clock: quickly until the first success, then on the probe's period.
import http from 'node:http';
import net from 'node:net';
import type { Clock, TimerHandle } from '@knot/runtime';
import type { Probe } from 'kubernetes-types/core/v1.js';

/** One probe attempt: true for success. */
export type ProbeCheck = () => Promise<boolean>;

/** Until a container is first ready it is probed this often, so a pod is ready as soon as its app is. */
export const STARTUP_PROBE_INTERVAL_MS = 50;

const DEFAULT_PERIOD_SECONDS = 10;
const DEFAULT_TIMEOUT_SECONDS = 1;
const DEFAULT_FAILURE_THRESHOLD = 3;
const DEFAULT_SUCCESS_THRESHOLD = 1;

/**
 * Runs `check` after `initialDelaySeconds`, every 50 ms until it first
 * succeeds, then every `periodSeconds`; readiness follows the success and
 * failure thresholds. One attempt at a time.
 */
export class ReadinessProber {
  readonly #check: ProbeCheck;
  readonly #clock: Clock;
  readonly #onChange: () => void;
  readonly #periodMs: number;
  readonly #initialDelayMs: number;
  readonly #failureThreshold: number;
  readonly #successThreshold: number;
  #ready = false;
  #everReady = false;
  #successes = 0;
  #failures = 0;
  #timer: TimerHandle | undefined;
  #running = false;

  constructor(check: ProbeCheck, probe: Probe | undefined, clock: Clock, onChange: () => void) {
    this.#check = check;
    this.#clock = clock;
    this.#onChange = onChange;
    this.#periodMs = (probe?.periodSeconds || DEFAULT_PERIOD_SECONDS) * 1000;
    this.#initialDelayMs = (probe?.initialDelaySeconds ?? 0) * 1000;
    this.#failureThreshold = probe?.failureThreshold || DEFAULT_FAILURE_THRESHOLD;
    this.#successThreshold = probe?.successThreshold || DEFAULT_SUCCESS_THRESHOLD;
  }

  get ready(): boolean {
    return this.#ready;
  }

  /** Starts probing from scratch (not ready), e.g. when the container (re)starts. */
  start(): void {
    this.stop();
    this.#running = true;
    this.#ready = false;
    this.#everReady = false;
    this.#successes = 0;
    this.#failures = 0;
    this.#schedule(this.#initialDelayMs);
  }

  stop(): void {
    this.#running = false;
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#ready) {
      this.#ready = false;
      this.#onChange();
    }
  }

  #schedule(ms: number): void {
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#attempt();
    }, ms);
  }

  async #attempt(): Promise<void> {
    let ok: boolean;
    try {
      ok = await this.#check();
    } catch {
      ok = false;
    }
    if (!this.#running) return;
    if (ok) {
      this.#failures = 0;
      this.#successes++;
      if (!this.#ready && this.#successes >= this.#successThreshold) this.#set(true);
    } else {
      this.#successes = 0;
      this.#failures++;
      if (this.#ready && this.#failures >= this.#failureThreshold) this.#set(false);
    }
    this.#schedule(this.#everReady ? this.#periodMs : STARTUP_PROBE_INTERVAL_MS);
  }

  #set(ready: boolean): void {
    this.#ready = ready;
    if (ready) this.#everReady = true;
    this.#onChange();
  }
}

/** An httpGet or tcpSocket probe against `port` on `host`; undefined for probes local mode does not run (exec, grpc). */
export function networkCheck(probe: Probe, host: string, port: number, clock: Clock): ProbeCheck | undefined {
  const timeoutMs = (probe.timeoutSeconds || DEFAULT_TIMEOUT_SECONDS) * 1000;
  if (probe.httpGet) {
    const get = probe.httpGet;
    const headers = Object.fromEntries((get.httpHeaders ?? []).map((h) => [h.name, h.value]));
    return () => httpCheck({ host, port, path: get.path || '/', headers: { 'user-agent': 'kube-probe/knot-local', ...headers } }, timeoutMs, clock);
  }
  if (probe.tcpSocket) return () => tcpCheck(host, port, timeoutMs, clock);
  return undefined;
}

function httpCheck(options: http.RequestOptions, timeoutMs: number, clock: Clock): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ ...options, agent: false }, (res) => {
      res.resume();
      finish((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 400);
    });
    const timer = clock.setTimeout(() => finish(false), timeoutMs);
    req.on('error', () => finish(false));
    function finish(ok: boolean): void {
      clock.clearTimeout(timer);
      req.destroy();
      resolve(ok);
    }
  });
}

function tcpCheck(host: string, port: number, timeoutMs: number, clock: Clock): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = clock.setTimeout(() => finish(false), timeoutMs);
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    function finish(ok: boolean): void {
      clock.clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    }
  });
}
