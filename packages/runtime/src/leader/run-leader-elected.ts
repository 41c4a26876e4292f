import { noopLogger } from '../logger.js';
import { LeaderElector, type LeaderElectionOptions } from './leader-elector.js';

export interface LeaderElectedOptions extends Omit<LeaderElectionOptions, 'onStartedLeading' | 'onStoppedLeading'> {
  /**
   * The Lease's name. knot holds one lease per component, named after it
   * (`controller`, `autoscaler`), in the component's system namespace, where
   * Knative holds one per reconciler bucket.
   */
  readonly name: string;
  /** Aborting it ends the current term, waits for `run` to return, then releases the lease. */
  readonly signal: AbortSignal;
  /**
   * Runs once per term of leadership; its signal aborts when the term ends.
   * Terms never overlap: a new one starts only after the last `run` returned.
   * A `run` that returns or throws while still leading ends the election.
   */
  readonly run: (signal: AbortSignal) => Promise<unknown>;
}

/**
 * Competes for a Lease and runs `run` only while holding it, so work such as
 * reconciling happens on one replica while caches stay warm on all of them.
 * Resolves once `signal` aborted, the last run returned and the lease was
 * released; rejects with the error of a `run` that threw while leading.
 * For controllers: start the informer factory on every replica, and pass
 * `(signal) => Promise.all(controllers.map((c) => c.run(signal)))` as `run`.
 */
export async function runLeaderElected(opts: LeaderElectedOptions): Promise<void> {
  const { signal, run, ...election } = opts;
  const log = opts.logger ?? noopLogger;
  if (signal.aborted) return;
  const stopping = new AbortController();
  let endElection = (): void => {};
  const ranOut = new Promise<void>((resolve) => (endElection = resolve));
  let failure: { readonly err: unknown } | undefined;
  let terms: Promise<void> = Promise.resolve();

  const term = async (lost: AbortSignal): Promise<void> => {
    const ended = AbortSignal.any([lost, stopping.signal]);
    if (ended.aborted) return;
    try {
      await run(ended);
    } catch (err) {
      if (ended.aborted) log.error({ err, lease: opts.name }, 'leader run failed while stepping down');
      else failure ??= { err };
    }
    // Holding the lease with nothing running would stall every other replica.
    if (!ended.aborted) endElection();
  };
  const elector = new LeaderElector({
    ...election,
    onStartedLeading: (lost) => {
      terms = terms.then(() => term(lost));
    },
  });

  const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true, signal: stopping.signal }));
  elector.start();
  await Promise.race([aborted, ranOut]);
  // Drain before releasing, and keep renewing meanwhile, so no other replica starts while this one still works.
  stopping.abort();
  await terms;
  await elector.stop();
  await terms;
  if (failure) throw failure.err;
}
