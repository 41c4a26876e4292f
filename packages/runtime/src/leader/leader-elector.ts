import { coordination } from '@knot/api';
import type { Client } from '../client.js';
import { systemClock, type Clock, type TimerHandle } from '../clock.js';
import { isNotFound } from '../errors.js';
import { noopLogger, type Logger } from '../logger.js';
import { leaderRecordOf, leaseSpecOf, sameRecord, type Lease, type LeaderRecord } from './lease-record.js';

export interface LeaderElectionOptions {
  readonly client: Client;
  readonly namespace: string;
  /** The Lease's name, e.g. `controller.knative.dev.serving.pkg.reconciler...`. */
  readonly name: string;
  /** Unique per candidate, usually the pod name. */
  readonly identity: string;
  /** How long a lease stays valid without renewal before others may take it; default 15s. */
  readonly leaseDurationMs?: number;
  /** How long the leader keeps retrying a failing renewal before it steps down; default 10s. */
  readonly renewDeadlineMs?: number;
  /** Time between attempts to acquire or renew; default 2s. */
  readonly retryPeriodMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Jitter source for acquire retries, in [0, 1); default Math.random. */
  readonly random?: () => number;
  /** Called on becoming leader; `signal` aborts when leadership ends. */
  readonly onStartedLeading: (signal: AbortSignal) => void | Promise<void>;
  readonly onStoppedLeading?: () => void;
  /** Called whenever a different holder is observed, this candidate included. */
  readonly onNewLeader?: (identity: string) => void;
}

const JITTER_FACTOR = 1.2;

/**
 * client-go's leader election on a coordination.k8s.io/v1 Lease, through the
 * `Client` interface so it runs on the in-memory store too. Writes carry the
 * Lease's resourceVersion, so two candidates can never both win one round.
 * A leader that loses the lease steps down and becomes a candidate again.
 */
export class LeaderElector {
  readonly #o: Required<Omit<LeaderElectionOptions, 'onStoppedLeading' | 'onNewLeader'>> &
    Pick<LeaderElectionOptions, 'onStoppedLeading' | 'onNewLeader'>;
  #timer: TimerHandle | undefined;
  #inFlight: Promise<void> | undefined;
  #started = false;
  #stopped = false;
  #leading: AbortController | undefined;
  #lastRenew = 0;
  #observed: { record: LeaderRecord; at: number } | undefined;
  #reportedLeader = '';

  constructor(opts: LeaderElectionOptions) {
    this.#o = {
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      clock: systemClock,
      logger: noopLogger,
      random: Math.random,
      ...opts,
    };
    const { leaseDurationMs, renewDeadlineMs, retryPeriodMs } = this.#o;
    if (!opts.identity) throw new Error('identity: must not be empty');
    if (!opts.name || !opts.namespace) throw new Error('name, namespace: the Lease must be named');
    if (!(retryPeriodMs > 0)) throw new Error(`retryPeriodMs: must be positive, got ${retryPeriodMs}`);
    if (!(renewDeadlineMs > JITTER_FACTOR * retryPeriodMs)) throw new Error(`renewDeadlineMs: must exceed ${JITTER_FACTOR} × retryPeriodMs`);
    if (!(leaseDurationMs > renewDeadlineMs)) throw new Error('leaseDurationMs: must exceed renewDeadlineMs');
  }

  get isLeader(): boolean {
    return this.#leading !== undefined;
  }

  /** The holder last seen on the Lease; '' when none. */
  get leader(): string {
    return this.#observed?.record.holderIdentity ?? '';
  }

  /** Starts competing for the lease; the first attempt happens at once. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#schedule(0);
  }

  /** Stops competing; a leader steps down and releases the lease so another candidate takes over at once. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer);
    await this.#inFlight;
    this.#stepDown('stopped');
    // A round that won just as stop() was called holds the lease without leading; release it too.
    if (this.leader === this.#o.identity) await this.#release();
  }

  #schedule(ms: number): void {
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#inFlight = this.#round().finally(() => (this.#inFlight = undefined));
    }, ms);
  }

  async #round(): Promise<void> {
    const won = await this.#tryAcquireOrRenew();
    if (this.#stopped) return;
    const now = this.#o.clock.now();
    const { retryPeriodMs, renewDeadlineMs } = this.#o;
    if (won) {
      this.#lastRenew = now;
      if (!this.#leading) this.#startLeading();
      return this.#schedule(retryPeriodMs);
    }
    if (this.#leading) {
      const takenOver = this.leader !== '' && this.leader !== this.#o.identity;
      if (!takenOver && now - this.#lastRenew < renewDeadlineMs) return this.#schedule(retryPeriodMs);
      this.#stepDown(takenOver ? `lease taken over by ${this.leader}` : 'renew deadline exceeded');
    }
    this.#schedule(retryPeriodMs * (1 + this.#o.random() * JITTER_FACTOR));
  }

  /** One attempt: create the Lease, take it over when expired or free, or renew our own. */
  async #tryAcquireOrRenew(): Promise<boolean> {
    const { client, namespace, name, identity, leaseDurationMs, clock } = this.#o;
    const now = clock.now();
    const mine = (old?: LeaderRecord): LeaderRecord => ({
      holderIdentity: identity,
      leaseDurationSeconds: Math.ceil(leaseDurationMs / 1000),
      acquireTime: old?.holderIdentity === identity ? old.acquireTime : now,
      renewTime: now,
      leaseTransitions: old === undefined ? 0 : old.holderIdentity === identity ? old.leaseTransitions : old.leaseTransitions + 1,
    });
    try {
      let lease: Lease;
      try {
        lease = await client.get(coordination.leases, namespace, name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
        const record = mine();
        await client.create(coordination.leases, { metadata: { name, namespace }, spec: leaseSpecOf(record) });
        this.#observe(record, now);
        return true;
      }
      const old = leaderRecordOf(lease);
      const changedAt = this.#observe(old, now);
      const ttlMs = (old.leaseDurationSeconds || leaseDurationMs / 1000) * 1000;
      if (old.holderIdentity && old.holderIdentity !== identity && changedAt + ttlMs > now) return false;
      const record = mine(old);
      await client.update(coordination.leases, { ...lease, spec: leaseSpecOf(record) });
      this.#observe(record, now);
      return true;
    } catch (err) {
      // Conflict and AlreadyExists mean another candidate wrote first: an ordinary lost round.
      this.#o.logger.debug({ err, lease: `${namespace}/${name}` }, 'leader election round failed');
      return false;
    }
  }

  /** Tracks when the record last changed by our own clock, so skew between holders' clocks does not matter. */
  #observe(record: LeaderRecord, now: number): number {
    if (!this.#observed || !sameRecord(this.#observed.record, record)) this.#observed = { record, at: now };
    const holder = record.holderIdentity;
    if (holder && holder !== this.#reportedLeader) {
      this.#reportedLeader = holder;
      this.#o.onNewLeader?.(holder);
    }
    return this.#observed.at;
  }

  #startLeading(): void {
    const controller = new AbortController();
    this.#leading = controller;
    this.#o.logger.info({ identity: this.#o.identity, lease: this.#o.name }, 'became leader');
    Promise.resolve()
      .then(() => this.#o.onStartedLeading(controller.signal))
      .catch((err: unknown) => this.#o.logger.error({ err }, 'onStartedLeading failed'));
  }

  #stepDown(reason: string): void {
    const controller = this.#leading;
    if (!controller) return;
    this.#leading = undefined;
    this.#o.logger.info({ identity: this.#o.identity, lease: this.#o.name, reason }, 'stopped leading');
    controller.abort(new Error(`leadership lost: ${reason}`));
    this.#o.onStoppedLeading?.();
  }

  /** Clears the holder (client-go's ReleaseOnCancel) if the lease is still ours. */
  async #release(): Promise<void> {
    const { client, namespace, name, identity, clock } = this.#o;
    try {
      const lease = await client.get(coordination.leases, namespace, name);
      const old = leaderRecordOf(lease);
      if (old.holderIdentity !== identity) return;
      const now = clock.now();
      const released: LeaderRecord = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: old.leaseTransitions };
      await client.update(coordination.leases, { ...lease, spec: leaseSpecOf(released) });
    } catch (err) {
      this.#o.logger.warn({ err, lease: `${namespace}/${name}` }, 'releasing the lease failed; others take over once it expires');
    }
  }
}
