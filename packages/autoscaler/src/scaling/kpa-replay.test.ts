// Replays decisions worked out from Knative's KPA (testdata/kpa-trace.json says how) through kpa.ts.
import { readFileSync } from 'node:fs';
import { decide, initialDeciderStatus, initialKpaState } from './kpa.js';
import type { DeciderSpec, DeciderStatus } from './types.js';

interface TraceTick {
  readonly at: number;
  readonly specChange?: Partial<DeciderSpec>;
  readonly readyPods: number;
  readonly stableAvg: number;
  readonly panicAvg: number;
  readonly want: DeciderStatus;
  readonly why: string;
}

interface TraceScenario {
  readonly name: string;
  readonly startMs: number;
  readonly spec: DeciderSpec;
  readonly createdWithReadyPods: number;
  readonly wantInitial: DeciderStatus;
  readonly ticks: readonly TraceTick[];
}

const trace = JSON.parse(readFileSync(new URL('./testdata/kpa-trace.json', import.meta.url), 'utf8')) as { scenarios: TraceScenario[] };

describe('replay of Knative KPA decisions', () => {
  test('the trace has scenarios with ticks', () => {
    expect(trace.scenarios.length).toBeGreaterThanOrEqual(3);
    for (const s of trace.scenarios) expect(s.ticks.length).toBeGreaterThan(0);
  });

  test.each(trace.scenarios.map((s) => ({ ...s })))('$name', (scenario) => {
    let spec = scenario.spec;
    let state = initialKpaState(scenario.createdWithReadyPods, scenario.startMs);
    expect(initialDeciderStatus(spec, scenario.createdWithReadyPods, state.panicTime !== null)).toEqual(scenario.wantInitial);
    for (const tick of scenario.ticks) {
      spec = { ...spec, ...tick.specChange };
      const got = decide(spec, { now: scenario.startMs + tick.at, readyPods: tick.readyPods, stableAvg: tick.stableAvg, panicAvg: tick.panicAvg }, state);
      // The tick travels with the result, so a mismatch names the tick and its arithmetic.
      expect({ at: tick.at, why: tick.why, status: got.status }).toEqual({ at: tick.at, why: tick.why, status: tick.want });
      // The state is plain data: what a recording would store.
      state = JSON.parse(JSON.stringify(got.state)) as typeof got.state;
    }
  });
});
