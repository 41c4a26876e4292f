// The largest value recorded over a trailing time window, in time slots of a
// fixed width (Knative's max.TimeWindow, used for scale-down-delay). Plain data,
// so a decider's state can be recorded and replayed.

/** One slot's largest value; `slot` is floor(unix seconds / slot seconds). */
export interface MaxWindowEntry {
  readonly slot: number;
  readonly value: number;
}

/** Slot of `nowMs`: whole Unix seconds divided by the slot width in whole seconds, as Knative indexes it. */
export function maxWindowSlot(nowMs: number, slotMs: number): number {
  return Math.floor(Math.floor(nowMs / 1000) / Math.max(1, Math.floor(slotMs / 1000)));
}

/**
 * Records `value` at `nowMs` into a window of ceil(durationMs / slotMs) slots
 * and returns the entries still inside it, in descending value order (a value
 * followed by a larger, newer one can never be the maximum again).
 */
export function recordMax(entries: readonly MaxWindowEntry[], nowMs: number, value: number, durationMs: number, slotMs: number): MaxWindowEntry[] {
  const slots = Math.max(1, Math.ceil(durationMs / slotMs));
  const slot = maxWindowSlot(nowMs, slotMs);
  let v = value;
  const kept: MaxWindowEntry[] = [];
  for (const e of entries) {
    if (slot - e.slot >= slots) continue;
    // Two records in one slot keep the larger.
    if (e.slot === slot) {
      v = Math.max(v, e.value);
      continue;
    }
    if (e.value > v) kept.push(e);
  }
  kept.push({ slot, value: v });
  return kept;
}

/** The largest value in the window (the head of the descending list); undefined when empty. */
export function currentMax(entries: readonly MaxWindowEntry[]): number | undefined {
  return entries[0]?.value;
}
