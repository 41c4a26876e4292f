// Where the activators' stats go: recorded with the time they arrived (as Knative
// does), and a poke to the decider so a revision at zero wakes at once.
import type { Stat, StatMessage } from '@knot/api';
import type { Clock } from '@knot/runtime';
import type { RevisionKey } from '../scaling/types.js';

export interface StatRecorder {
  record(key: RevisionKey, now: number, stat: Stat): void;
}

export interface StatPoker {
  poke(key: RevisionKey, stat: Stat): void;
}

export function statsSink(collector: StatRecorder, scaler: StatPoker, clock: Clock): (messages: readonly StatMessage[]) => void {
  return (messages) => {
    const now = clock.now();
    for (const { key, stat } of messages) {
      const k = `${key.namespace}/${key.name}`;
      collector.record(k, now, stat);
      scaler.poke(k, stat);
    }
  };
}
