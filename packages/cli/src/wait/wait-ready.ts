// Waits for an object to become Ready: it watches the object until its Ready
// condition is True for its current generation, turns False, or time runs out.
import type { Condition, KubeObject, ResourceType } from '@knot/api';
import { type Client, type Clock, type TimerHandle, type Watch } from '@knot/runtime';
import { conditionsOf, observedCurrent, readyConditionOf } from '../output/conditions.js';

export type WaitOutcome<T extends KubeObject> =
  | { readonly kind: 'ready'; readonly object: T }
  | { readonly kind: 'failed'; readonly object: T; readonly condition: Condition }
  | { readonly kind: 'timeout'; readonly object?: T; readonly pending?: Condition }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'error'; readonly error: unknown };

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** Called with the condition still pending whenever the object changes. */
  readonly onPending?: (pending: Condition | undefined) => void;
}

// A watch the server ends is opened again after this pause, so a server that closes at once is not hammered.
const REWATCH_DELAY_MS = 1000;

export function waitForReady<T extends KubeObject>(client: Client, rt: ResourceType<T>, namespace: string | undefined, name: string, opts: WaitOptions): Promise<WaitOutcome<T>> {
  const { clock, signal } = opts;
  return new Promise((resolve) => {
    let done = false;
    let watch: Watch | undefined;
    let last: T | undefined;
    let rewatch: TimerHandle | undefined;
    const finish = (outcome: WaitOutcome<T>) => {
      if (done) return;
      done = true;
      clock.clearTimeout(timer);
      if (rewatch) clock.clearTimeout(rewatch);
      signal.removeEventListener('abort', onAbort);
      watch?.stop();
      resolve(outcome);
    };
    const onAbort = () => finish({ kind: 'interrupted' });
    const timer = clock.setTimeout(() => finish({ kind: 'timeout', ...(last ? { object: last, pending: pendingCondition(last) } : {}) }), opts.timeoutMs);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });

    const onEvent = (event: { type: string; object: T }) => {
      if (done) return;
      if (event.type === 'DELETED') return finish({ kind: 'deleted' });
      last = event.object;
      const outcome = judge(event.object);
      if (outcome) return finish(outcome);
      opts.onPending?.(pendingCondition(event.object));
    };
    const open = async () => {
      try {
        const w = await client.watch(rt, namespace, { fieldSelector: `metadata.name=${name}` }, onEvent);
        if (done) return w.stop();
        watch = w;
        await w.done;
      } catch (error) {
        if (!done) finish({ kind: 'error', error });
        return;
      }
      // The server ended the watch; a new one starts with the object's current state.
      if (!done) rewatch = clock.setTimeout(() => void open(), REWATCH_DELAY_MS);
    };
    void open();
  });
}

function judge<T extends KubeObject>(obj: T): WaitOutcome<T> | undefined {
  const ready = readyConditionOf(obj);
  if (!ready || !observedCurrent(obj)) return undefined;
  if (ready.status === 'True') return { kind: 'ready', object: obj };
  if (ready.status === 'False') return { kind: 'failed', object: obj, condition: ready };
  return undefined;
}

/** The condition holding readiness back: the first dependent that is not True, else Ready itself. */
export function pendingCondition(obj: KubeObject): Condition | undefined {
  const ready = readyConditionOf(obj);
  const blocking = conditionsOf(obj).find((c) => c !== ready && c.status !== 'True' && !c.severity);
  return blocking ?? ready;
}

/** `Reason: message` of a condition, or what is known of it. */
export function describeCondition(c: Condition): string {
  const text = [c.reason, c.message].filter((s) => s !== undefined && s !== '').join(': ');
  return text || `${c.type} is ${c.status}`;
}
