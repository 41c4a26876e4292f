/** Time as components see it; injected so tests run on a fake clock instead of sleeping. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}

/** The real clock. Timers are unref'd so they never keep a process alive on their own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { id: Number(t[Symbol.toPrimitive]()), t } as TimerHandle;
  },
  clearTimeout(handle) {
    clearTimeout((handle as TimerHandle & { t: NodeJS.Timeout }).t);
  },
};
