import { EventEmitter } from 'node:events';
import type { Logger } from './logger.js';
import { createShutdown } from './shutdown.js';
import { FakeClock, flushPromises } from './testing/fake-clock.js';

function setup(opts: { timeoutMs?: number; signals?: string[] } = {}) {
  const proc = new EventEmitter();
  const clock = new FakeClock();
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const logger: Logger = {
    debug: (obj, msg) => lines.push({ level: 'debug', obj, msg }),
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
    child: () => logger,
  };
  const shutdown = createShutdown({ process: proc, clock, logger, ...opts });
  return { proc, clock, lines, shutdown };
}

test.each([{ name: 'SIGTERM' }, { name: 'SIGINT' }])('$name aborts the signal and runs handlers last-registered first', async ({ name }) => {
  const { proc, shutdown } = setup();
  const order: string[] = [];
  shutdown.onShutdown(() => void order.push('server'));
  shutdown.onShutdown(async () => {
    await flushPromises(1);
    order.push('informers');
  });
  shutdown.onShutdown(() => void order.push('leader'));
  expect(shutdown.signal.aborted).toBe(false);
  proc.emit(name, name);
  expect(shutdown.signal.aborted).toBe(true);
  const outcome = await shutdown.done;
  expect(order).toEqual(['leader', 'informers', 'server']);
  expect(outcome).toEqual({ reason: name, timedOut: false, errors: [] });
});

test('runs handlers once however many signals arrive, and stops listening', async () => {
  const { proc, shutdown } = setup();
  let runs = 0;
  shutdown.onShutdown(() => void runs++);
  proc.emit('SIGTERM', 'SIGTERM');
  proc.emit('SIGINT', 'SIGINT');
  await shutdown.shutdown('again');
  expect(runs).toBe(1);
  expect(proc.listenerCount('SIGTERM') + proc.listenerCount('SIGINT')).toBe(0);
});

test('a failing handler is logged and the others still run', async () => {
  const { shutdown, lines } = setup();
  const ran: string[] = [];
  shutdown.onShutdown(() => void ran.push('first'));
  shutdown.onShutdown(() => {
    throw new Error('close failed');
  }, 'db');
  const outcome = await shutdown.shutdown();
  expect(ran).toEqual(['first']);
  expect(outcome.errors).toHaveLength(1);
  expect(lines).toContainEqual(expect.objectContaining({ level: 'error', obj: expect.objectContaining({ handler: 'db' }) as object }));
});

test('handlers that hang are cut off at the timeout', async () => {
  const { shutdown, clock } = setup({ timeoutMs: 5_000 });
  shutdown.onShutdown(() => new Promise<void>(() => undefined));
  const outcome = shutdown.shutdown();
  let settled = false;
  void outcome.then(() => (settled = true));
  await clock.advanceAsync(4_999);
  expect(settled).toBe(false);
  await clock.advanceAsync(1);
  expect(await outcome).toMatchObject({ timedOut: true });
});

test('an unregistered handler does not run; other signals are ignored', async () => {
  const { proc, shutdown } = setup({ signals: ['SIGTERM'] });
  let ran = false;
  const off = shutdown.onShutdown(() => void (ran = true));
  off();
  proc.emit('SIGINT', 'SIGINT');
  expect(shutdown.signal.aborted).toBe(false);
  proc.emit('SIGTERM', 'SIGTERM');
  await shutdown.done;
  expect(ran).toBe(false);
});

test('rejects a non-positive timeout naming the option', () => {
  expect(() => createShutdown({ process: new EventEmitter(), timeoutMs: 0 })).toThrow(/timeoutMs/);
});
