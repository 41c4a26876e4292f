// How long a crashed container waits before it starts again.

/** The first delay after a crash. */
export const RESTART_BACKOFF_INITIAL_MS = 1000;
/** Delays double up to this. */
export const RESTART_BACKOFF_MAX_MS = 30_000;
/** A run at least this long counts as healthy: the next crash starts from the first delay again. */
export const RESTART_BACKOFF_RESET_MS = 2 * RESTART_BACKOFF_MAX_MS;

/** The kubelet's crash-loop back-off, scaled down for a developer's machine: 1 s, 2 s, 4 s ... 30 s. */
export class RestartBackoff {
  #next = RESTART_BACKOFF_INITIAL_MS;

  /** The delay before the restart after a run of `ranMs`, and the one after it doubled. */
  next(ranMs: number): number {
    if (ranMs >= RESTART_BACKOFF_RESET_MS) this.#next = RESTART_BACKOFF_INITIAL_MS;
    const delay = this.#next;
    this.#next = Math.min(delay * 2, RESTART_BACKOFF_MAX_MS);
    return delay;
  }
}
