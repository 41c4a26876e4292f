import type { QueueProxyProbe } from '@knot/api';
import { FakeClock, flushPromises } from '@knot/runtime/testing';
import type { ProbeAttempt } from './probe-attempt.js';
import { ProbeRunner } from './probe-runner.js';

/** Attempts that answer from a script, one entry per try ('ok' or a failure); the last entry repeats. */
function scripted(script: string[]): { attempt: ProbeAttempt; tries: { probe: QueueProxyProbe; timeoutMs: number }[] } {
  const tries: { probe: QueueProxyProbe; timeoutMs: number }[] = [];
  return {
    tries,
    attempt: (probe, timeoutMs) => {
      const r = script[Math.min(tries.length, script.length - 1)]!;
      tries.push({ probe, timeoutMs });
      return Promise.resolve(r === 'ok' ? undefined : r);
    },
  };
}

async function settleCheck(clock: FakeClock, p: Promise<boolean>, stepMs: number, maxSteps = 1000): Promise<boolean> {
  let result: boolean | undefined;
  void p.then((r) => (result = r));
  for (let i = 0; i < maxSteps && result === undefined; i++) await clock.advanceAsync(stepMs);
  return result!;
}

describe('ProbeRunner, aggressive (no period)', () => {
  it.each([
    { name: 'passes at once', script: ['ok'], threshold: 1, want: true, tries: 1 },
    { name: 'passes on the third try, 50 ms apart', script: ['refused', 'refused', 'ok'], threshold: 1, want: true, tries: 3 },
    { name: 'needs successThreshold passes in a row', script: ['ok', 'refused', 'ok', 'ok'], threshold: 2, want: true, tries: 4 },
    { name: 'gives up when the round ends', script: ['refused'], threshold: 1, want: false, tries: 21 },
  ])('$name', async ({ script, threshold, want, tries }) => {
    const clock = new FakeClock();
    const s = scripted(script);
    const runner = new ProbeRunner({ probes: [{ httpGet: { port: 8080 }, successThreshold: threshold }], userPort: 8080, clock, attempt: s.attempt, roundMs: 1000 });
    expect(await settleCheck(clock, runner.check(), 50)).toBe(want);
    expect(s.tries).toHaveLength(tries);
    expect(s.tries[0]!.timeoutMs).toBe(100);
    expect(runner.ready).toBe(want);
  });

  it('dials the user port over TCP when no probe is declared', async () => {
    const clock = new FakeClock();
    const s = scripted(['ok']);
    const runner = new ProbeRunner({ probes: [], userPort: 8123, clock, attempt: s.attempt });
    expect(await runner.check()).toBe(true);
    expect(s.tries[0]!.probe).toEqual({ tcpSocket: { port: 8123 } });
  });

  it('shares one round between callers that ask at the same time', async () => {
    const clock = new FakeClock();
    const s = scripted(['refused', 'ok']);
    const runner = new ProbeRunner({ probes: [{ tcpSocket: { port: 1 } }], userPort: 1, clock, attempt: s.attempt });
    const both = Promise.all([runner.check(), runner.check()]);
    await clock.advanceAsync(50);
    expect(await both).toEqual([true, true]);
    expect(s.tries).toHaveLength(2);
  });

  it('needs every probe to pass', async () => {
    const clock = new FakeClock();
    const attempt: ProbeAttempt = (p) => Promise.resolve(p.tcpSocket?.port === 2 ? 'refused' : undefined);
    const runner = new ProbeRunner({ probes: [{ tcpSocket: { port: 1 } }, { tcpSocket: { port: 2 } }], userPort: 1, clock, attempt, roundMs: 200 });
    expect(await settleCheck(clock, runner.check(), 50)).toBe(false);
  });

  it('stops trying once stopped', async () => {
    const clock = new FakeClock();
    const s = scripted(['refused']);
    const runner = new ProbeRunner({ probes: [{ tcpSocket: { port: 1 } }], userPort: 1, clock, attempt: s.attempt });
    const check = runner.check();
    await flushPromises();
    runner.stop();
    expect(await check).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('ProbeRunner, periodic', () => {
  it('turns ready after successThreshold passes and unready after failureThreshold failures, every periodSeconds', async () => {
    const clock = new FakeClock();
    const s = scripted(['ok', 'ok', 'refused', 'refused', 'ok', 'refused', 'refused', 'refused']);
    const probe: QueueProxyProbe = { httpGet: { port: 8080 }, periodSeconds: 5, initialDelaySeconds: 2, timeoutSeconds: 3, successThreshold: 2, failureThreshold: 3 };
    const runner = new ProbeRunner({ probes: [probe], userPort: 8080, clock, attempt: s.attempt });
    runner.start();
    const states: boolean[] = [];
    await clock.advanceAsync(1999);
    expect(s.tries).toHaveLength(0);
    for (let i = 0; i < 8; i++) {
      await clock.advanceAsync(i === 0 ? 1 : 5000);
      states.push(await runner.check());
    }
    // ok ok | refused refused (2 < 3 failures: still ready) | ok | refused x3 → unready.
    expect(states).toEqual([false, true, true, true, true, true, true, false]);
    expect(s.tries.every((t) => t.timeoutMs === 3000)).toBe(true);
    runner.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});
